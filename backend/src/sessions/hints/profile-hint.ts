// From a refused command to the profile to debug again with: the least profile that grants the
// capability it lacked, unless the session has that capability already (then a profile is not
// what is missing, and saying one would mislead). Pure; the profiles are sidecar/profiles.ts's.

import type { Profile, ProfileHint } from '../../contract/index.js';
import { privilegeSettings } from '../../sidecar/profiles.js';
import type { Refusal } from './refusals.js';

/** What a session's sidecar holds: its profile's settings with the user's --cap-add/--cap-drop on top. */
export interface HeldPrivileges {
  profile: Profile;
  /** the sidecar's CapAdd and CapDrop, as it was started with them */
  capAdd: readonly string[];
  capDrop: readonly string[];
  privileged: boolean;
  /** the user the command runs as (null: root) */
  user: string | null;
}

/** the capabilities Docker and Podman both give a container by default (Docker's NET_RAW, MKNOD and
 * AUDIT_WRITE are not Podman's): what a sidecar has without adding any */
export const ENGINE_DEFAULT_CAPABILITIES: readonly string[] = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

/** what a hint may suggest, least first: the profiles that reach every target (baseline and
 * restricted take privileges away; they are never the way to more) */
const SUGGESTED: readonly Profile[] = ['general', 'netadmin', 'sysadmin'];

export function holds(held: Omit<HeldPrivileges, 'user' | 'profile'>, capability: string): boolean {
  if (held.privileged || held.capAdd.includes(capability) || held.capAdd.includes('ALL')) return true;
  if (held.capDrop.includes(capability) || held.capDrop.includes('ALL')) return false;
  return ENGINE_DEFAULT_CAPABILITIES.includes(capability);
}

/** the least profile whose sidecar holds the capability (sysadmin holds every one) */
export function leastProfileFor(capability: string): Profile {
  for (const profile of SUGGESTED) {
    const settings = privilegeSettings({ profile, switchesUser: false });
    if (settings.ok && holds({ capAdd: settings.value.CapAdd, capDrop: settings.value.CapDrop, privileged: settings.value.Privileged }, capability))
      return profile;
  }
  return 'sysadmin';
}

/** root by name or number, with or without a group; null is the sidecar's default, root */
export function runsAsRoot(user: string | null): boolean {
  if (user === null) return true;
  const name = user.split(':')[0];
  return name === 'root' || name === '0';
}

/** the hint for this refusal in a session that holds these privileges, or null when a profile would not help */
export function hintFor(refusal: Refusal, held: HeldPrivileges): ProfileHint | null {
  // capabilities are root's: a command run as another user lacks them under every profile
  if (!runsAsRoot(held.user)) return null;
  if (holds(held, refusal.capability)) return null;
  const profile = leastProfileFor(refusal.capability);
  // its own profile grants it, so the user's --cap-drop took it away: no profile to suggest
  if (profile === held.profile) return null;
  return { profile, capability: refusal.capability, command: refusal.command, message: refusal.message };
}
