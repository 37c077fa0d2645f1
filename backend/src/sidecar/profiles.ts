// From a privilege profile (kubectl debug's names) and the user's --cap-add/--cap-drop to the
// sidecar's HostConfig fields. Pure. What the sidecar itself needs: SYS_CHROOT (the chroot into
// the target's root) and SYS_PTRACE (following /proc/<pid>/root of a process of another user,
// or of one with capabilities the sidecar lacks); SETUID, SETGID and KILL for a user switch (-u).

import { CAPABILITY_PATTERN, DEFAULT_PROFILE, fail, isProfile, ok, type Profile, type Result } from '../contract/index.js';

export interface PrivilegeRequest {
  profile?: string | undefined;
  capAdd?: readonly string[] | undefined;
  capDrop?: readonly string[] | undefined;
  /** --privileged: the same as the sysadmin profile */
  privileged?: boolean | undefined;
  /** a user switch is asked for (-u) */
  switchesUser: boolean;
}

export interface PrivilegeSettings {
  profile: Profile;
  CapAdd: string[];
  CapDrop: string[];
  Privileged: boolean;
  SecurityOpt: string[];
}

const CAPABILITY = new RegExp(CAPABILITY_PATTERN);

function base(profile: Profile, switchesUser: boolean): Omit<PrivilegeSettings, 'profile'> {
  switch (profile) {
    case 'general':
      return { CapAdd: ['SYS_PTRACE'], CapDrop: [], Privileged: false, SecurityOpt: [] };
    case 'baseline':
      return { CapAdd: [], CapDrop: [], Privileged: false, SecurityOpt: [] };
    case 'restricted':
      return {
        // a user switch: SETUID and SETGID to switch, KILL to end the user's processes (its anchor, and at a stop)
        CapAdd: ['SYS_PTRACE', 'SYS_CHROOT', ...(switchesUser ? ['SETUID', 'SETGID', 'KILL'] : [])],
        CapDrop: ['ALL'],
        Privileged: false,
        SecurityOpt: ['no-new-privileges'],
      };
    case 'netadmin':
      return { CapAdd: ['SYS_PTRACE', 'NET_ADMIN', 'NET_RAW'], CapDrop: [], Privileged: false, SecurityOpt: [] };
    case 'sysadmin':
      return { CapAdd: [], CapDrop: [], Privileged: true, SecurityOpt: [] };
  }
}

function capabilities(names: readonly string[], flag: string): Result<string[]> {
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.trim().toUpperCase();
    if (!CAPABILITY.test(name))
      return fail('bad_request', `"${raw.slice(0, 40)}" is not a capability for ${flag}: give a name such as NET_ADMIN, SYS_ADMIN or ALL.`);
    const bare = name.replace(/^CAP_/, '');
    if (!out.includes(bare)) out.push(bare);
  }
  return ok(out);
}

/** The profile's settings with the user's additions and removals on top; a contradiction is a coded error. */
export function privilegeSettings(req: PrivilegeRequest): Result<PrivilegeSettings> {
  const profileName = req.profile ?? (req.privileged ? 'sysadmin' : DEFAULT_PROFILE);
  if (!isProfile(profileName)) {
    return fail('bad_request', `"${profileName.slice(0, 40)}" is not a profile: give general, baseline, restricted, netadmin or sysadmin.`);
  }
  if (req.privileged && profileName !== 'sysadmin') {
    return fail('bad_request', `--privileged is the sysadmin profile: leave it out, or drop --profile ${profileName}.`);
  }
  const add = capabilities(req.capAdd ?? [], '--cap-add');
  if (!add.ok) return add;
  const drop = capabilities(req.capDrop ?? [], '--cap-drop');
  if (!drop.ok) return drop;
  const both = add.value.find((c) => drop.value.includes(c));
  if (both) return fail('bad_request', `${both} is both added and dropped: give it to --cap-add or to --cap-drop, not both.`);
  const settings = base(profileName, req.switchesUser);
  // the user's flags win over the profile's: an added one is no longer dropped, and the reverse
  const capAdd = [...settings.CapAdd.filter((c) => !drop.value.includes(c)), ...add.value.filter((c) => !settings.CapAdd.includes(c))];
  const capDrop = [...settings.CapDrop.filter((c) => !add.value.includes(c)), ...drop.value.filter((c) => !settings.CapDrop.includes(c))];
  return ok({ ...settings, profile: profileName, CapAdd: capAdd, CapDrop: capDrop });
}
