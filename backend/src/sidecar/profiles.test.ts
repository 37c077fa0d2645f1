import { describe, expect, it } from 'vitest';
import { PROFILE_DESCRIPTIONS, PROFILES } from '../contract/index.js';
import { privilegeSettings, type PrivilegeRequest } from './profiles.js';
import { matching } from '../../test/helpers/matchers.js';

const settings = (req: Partial<PrivilegeRequest>) => privilegeSettings({ switchesUser: false, ...req });

describe('privilegeSettings', () => {
  it("defaults to general: today's sidecar, SYS_PTRACE on the engine's defaults", () => {
    expect(settings({})).toEqual({ ok: true, value: { profile: 'general', CapAdd: ['SYS_PTRACE'], CapDrop: [], Privileged: false, SecurityOpt: [] } });
  });

  it.each([
    ['general', { CapAdd: ['SYS_PTRACE'], CapDrop: [], Privileged: false, SecurityOpt: [] }],
    ['baseline', { CapAdd: [], CapDrop: [], Privileged: false, SecurityOpt: [] }],
    ['restricted', { CapAdd: ['SYS_PTRACE', 'SYS_CHROOT'], CapDrop: ['ALL'], Privileged: false, SecurityOpt: ['no-new-privileges'] }],
    ['netadmin', { CapAdd: ['SYS_PTRACE', 'NET_ADMIN', 'NET_RAW'], CapDrop: [], Privileged: false, SecurityOpt: [] }],
    ['sysadmin', { CapAdd: [], CapDrop: [], Privileged: true, SecurityOpt: [] }],
  ])('maps %s', (profile, fields) => {
    expect(settings({ profile })).toEqual({ ok: true, value: { profile, ...fields } });
  });

  it('restricted keeps SETUID, SETGID and KILL only when a user switch needs them', () => {
    expect(settings({ profile: 'restricted', switchesUser: true })).toMatchObject({
      value: { CapAdd: ['SYS_PTRACE', 'SYS_CHROOT', 'SETUID', 'SETGID', 'KILL'] },
    });
  });

  it('--privileged is sysadmin, and refused beside another profile', () => {
    expect(settings({ privileged: true })).toMatchObject({ ok: true, value: { profile: 'sysadmin', Privileged: true } });
    expect(settings({ privileged: true, profile: 'sysadmin' })).toMatchObject({ ok: true, value: { profile: 'sysadmin' } });
    expect(settings({ privileged: true, profile: 'restricted' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/sysadmin/) } });
  });

  it('puts --cap-add and --cap-drop on top, the flags winning over the profile, names normalised', () => {
    expect(settings({ capAdd: ['net_admin', 'CAP_SYS_ADMIN', 'NET_ADMIN'] })).toMatchObject({ value: { CapAdd: ['SYS_PTRACE', 'NET_ADMIN', 'SYS_ADMIN'] } });
    expect(settings({ capDrop: ['SYS_PTRACE', 'NET_RAW'] })).toMatchObject({ value: { CapAdd: [], CapDrop: ['SYS_PTRACE', 'NET_RAW'] } });
    expect(settings({ profile: 'restricted', capAdd: ['ALL'] })).toMatchObject({ value: { CapAdd: ['SYS_PTRACE', 'SYS_CHROOT', 'ALL'], CapDrop: [] } });
  });

  it('refuses an unknown profile, a malformed capability, and one both added and dropped', () => {
    expect(settings({ profile: 'root' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: matching(/general, baseline, restricted, netadmin or sysadmin/) },
    });
    for (const cap of ['', 'NET ADMIN', 'net-admin', '$(id)', 'X'.repeat(40)]) {
      expect(settings({ capAdd: [cap] })).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/--cap-add/) } });
    }
    expect(settings({ capAdd: ['NET_ADMIN'], capDrop: ['cap_net_admin'] })).toMatchObject({
      ok: false,
      error: { message: matching(/both added and dropped/) },
    });
  });

  it('describes every profile in one line', () => {
    for (const p of PROFILES) expect(PROFILE_DESCRIPTIONS[p]).toMatch(/^[^\n]{20,200}$/);
  });
});
