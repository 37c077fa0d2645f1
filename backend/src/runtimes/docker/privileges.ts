// What a sidecar holds, as a session shows it (port.ts's SidecarPrivileges): from the settings it
// is started with, or read back from a running one (its profile label, its HostConfig) when a
// service adopts it after a restart.

import { isProfile } from '../../contract/index.js';
import type { PrivilegeSettings } from '../../sidecar/profiles.js';
import type { SidecarPrivileges } from '../port.js';

export function heldBy(settings: PrivilegeSettings): SidecarPrivileges {
  return { profile: settings.profile, capAdd: [...settings.CapAdd], capDrop: [...settings.CapDrop] };
}

/** null or absent CapAdd/CapDrop: none; a sidecar without a (known) profile label predates profiles */
export function readPrivileges(
  label: string | undefined,
  host: { CapAdd?: string[] | null | undefined; CapDrop?: string[] | null | undefined },
): SidecarPrivileges | undefined {
  if (label === undefined || !isProfile(label)) return undefined;
  // the engine may answer with the CAP_ prefix (Podman does)
  const bare = (caps: string[] | null | undefined) => (caps ?? []).map((c) => c.toUpperCase().replace(/^CAP_/, ''));
  return { profile: label, capAdd: bare(host.CapAdd), capDrop: bare(host.CapDrop) };
}
