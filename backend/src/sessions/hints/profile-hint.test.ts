// From a refusal to the profile that allows it, against the session's own privileges.
import { describe, expect, it } from 'vitest';
import type { Profile } from '../../contract/index.js';
import { privilegeSettings } from '../../sidecar/profiles.js';
import { type HeldPrivileges, hintFor, leastProfileFor, runsAsRoot } from './profile-hint.js';
import type { Refusal } from './refusals.js';

/** what a session started with this profile (and these flags) holds */
function held(profile: Profile, extra: { capAdd?: string[]; capDrop?: string[]; user?: string } = {}): HeldPrivileges {
  const settings = privilegeSettings({ profile, capAdd: extra.capAdd, capDrop: extra.capDrop, switchesUser: extra.user !== undefined });
  if (!settings.ok) throw new Error(settings.error.message);
  return { profile, capAdd: settings.value.CapAdd, capDrop: settings.value.CapDrop, privileged: settings.value.Privileged, user: extra.user ?? null };
}

const refusal = (command: string, capability: string): Refusal => ({ command, capability, message: `${command}: Operation not permitted` });

describe('leastProfileFor', () => {
  it('names the least profile that reaches every target and grants the capability', () => {
    expect(leastProfileFor('NET_ADMIN')).toBe('netadmin');
    expect(leastProfileFor('NET_RAW')).toBe('netadmin');
    expect(leastProfileFor('SYS_PTRACE')).toBe('general');
    expect(leastProfileFor('KILL')).toBe('general');
    expect(leastProfileFor('SYS_ADMIN')).toBe('sysadmin');
    expect(leastProfileFor('SYS_TIME')).toBe('sysadmin');
    expect(leastProfileFor('MKNOD')).toBe('sysadmin');
  });
});

describe('hintFor', () => {
  it('suggests netadmin for a network change refused in the default profile', () => {
    expect(hintFor(refusal('ip', 'NET_ADMIN'), held('general'))).toEqual({
      profile: 'netadmin',
      capability: 'NET_ADMIN',
      command: 'ip',
      message: 'ip: Operation not permitted',
    });
  });

  it('says nothing when the session holds the capability already', () => {
    expect(hintFor(refusal('ip', 'NET_ADMIN'), held('netadmin'))).toBeNull();
    expect(hintFor(refusal('tcpdump', 'NET_RAW'), held('general', { capAdd: ['NET_RAW'] }))).toBeNull();
    expect(hintFor(refusal('mount', 'SYS_ADMIN'), held('sysadmin'))).toBeNull();
    expect(hintFor(refusal('strace', 'SYS_PTRACE'), held('general'))).toBeNull();
  });

  it('suggests general to the reduced profiles for what they take away', () => {
    expect(hintFor(refusal('strace', 'SYS_PTRACE'), held('baseline'))?.profile).toBe('general');
    expect(hintFor(refusal('kill', 'KILL'), held('restricted'))?.profile).toBe('general');
    expect(hintFor(refusal('chown', 'CHOWN'), held('restricted'))?.profile).toBe('general');
    expect(hintFor(refusal('ping', 'NET_RAW'), held('restricted'))?.profile).toBe('netadmin');
  });

  it('suggests sysadmin for mounts and namespaces, from netadmin too', () => {
    expect(hintFor(refusal('mount', 'SYS_ADMIN'), held('general'))?.profile).toBe('sysadmin');
    expect(hintFor(refusal('nsenter', 'SYS_ADMIN'), held('netadmin'))?.profile).toBe('sysadmin');
  });

  it("says nothing when the user's own --cap-drop took away what the profile grants", () => {
    expect(hintFor(refusal('ip', 'NET_ADMIN'), held('netadmin', { capDrop: ['NET_ADMIN'] }))).toBeNull();
    expect(hintFor(refusal('kill', 'KILL'), held('general', { capDrop: ['KILL'] }))).toBeNull();
  });

  it('says nothing for a command run as another user: no profile gives it capabilities', () => {
    expect(hintFor(refusal('ip', 'NET_ADMIN'), held('general', { user: 'nobody' }))).toBeNull();
    expect(hintFor(refusal('ip', 'NET_ADMIN'), held('general', { user: '65532:65532' }))).toBeNull();
    expect(hintFor(refusal('ip', 'NET_ADMIN'), held('general', { user: 'root:root' }))?.profile).toBe('netadmin');
  });
});

describe('runsAsRoot', () => {
  it('reads root by name or number, with a group or not', () => {
    for (const user of [null, 'root', '0', '0:0', 'root:wheel']) expect(runsAsRoot(user)).toBe(true);
    for (const user of ['nobody', '1000', '65532:0', 'rootless']) expect(runsAsRoot(user)).toBe(false);
  });
});
