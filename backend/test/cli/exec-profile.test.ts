// `cdebug exec --profile general|baseline|restricted|netadmin|sysadmin` with --cap-add/--cap-drop:
// the capabilities the command really holds (CapEff of /proc/self/status), what each profile can
// and cannot do against a root and a non-root target, and the refusals.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, expectCdebugError, takeOwners } from '../helpers/cli.js';
import { BUSYBOX, docker, expectClean, FIXTURE_LABEL, removeTargets, startTarget, type Target } from '../helpers/docker.js';

let asRoot: Target;
let nonRoot: Target;

beforeAll(async () => {
  ensureBuilt();
  [asRoot, nonRoot] = await Promise.all([startTarget(), startTarget({ runArgs: ['-u', '65532'] })]);
});
afterEach(async () => {
  await expectClean([asRoot, nonRoot], takeOwners());
});
afterAll(removeTargets);

// capability numbers (linux/capability.h)
const CAP = { DAC_OVERRIDE: 1, KILL: 5, NET_ADMIN: 12, NET_RAW: 13, SYS_CHROOT: 18, SYS_PTRACE: 19, SYS_ADMIN: 21 } as const;

/** the command's effective capabilities, as numbers, and its NoNewPrivs flag */
async function privilegesOf(target: Target, flags: string[]): Promise<{ caps: number[]; noNewPrivs: boolean }> {
  const r = await cdebugExec([...flags, target.id, 'grep', '-E', '^(CapEff|NoNewPrivs):', '/proc/self/status']);
  expect(r.code, describeRun(r)).toBe(0);
  const eff = BigInt(`0x${/CapEff:\s*([0-9a-f]+)/.exec(r.stdout)?.[1] ?? ''}`);
  const caps = Array.from({ length: 64 }, (_, bit) => bit).filter((bit) => (eff >> BigInt(bit)) & 1n);
  return { caps, noNewPrivs: /NoNewPrivs:\s*1/.test(r.stdout) };
}
const sorted = (caps: Iterable<number>): number[] => [...new Set(caps)].sort((a, b) => a - b);
const without = (caps: number[], ...drop: number[]): number[] => caps.filter((c) => !drop.includes(c));

/** does this engine start privileged containers at all? (one in a container with a narrowed bounding set cannot) */
async function enginePrivileged(): Promise<boolean> {
  const r = await docker('run', '--rm', '--network', 'none', '--label', FIXTURE_LABEL, '--privileged', BUSYBOX, 'true').then(
    () => true,
    () => false,
  );
  return r;
}

describe('cdebug exec --profile', () => {
  it("general (the default) is today's sidecar: baseline's capabilities (the engine's defaults) and SYS_PTRACE", async () => {
    const baseline = await privilegesOf(asRoot, ['--profile', 'baseline']);
    expect(baseline.caps).not.toContain(CAP.SYS_PTRACE);
    const byDefault = await privilegesOf(nonRoot, []);
    expect(byDefault.caps).toEqual(sorted([...baseline.caps, CAP.SYS_PTRACE]));
    expect(await privilegesOf(nonRoot, ['--profile', 'general'])).toEqual(byDefault);
  });

  it('restricted holds only SYS_PTRACE and SYS_CHROOT with no new privileges, and still reaches a non-root target', async () => {
    const p = await privilegesOf(nonRoot, ['--profile', 'restricted']);
    expect(p.caps).toEqual([CAP.SYS_CHROOT, CAP.SYS_PTRACE]);
    expect(p.noNewPrivs).toBe(true);
    const ls = await cdebugExec(['--profile', 'restricted', nonRoot.id, 'ls', '/srv']);
    expect(ls.stdout, describeRun(ls)).toBe('README.fixture\n');
  });

  it("restricted cannot signal another user's process, as its help says; general can", async () => {
    const restricted = await cdebugExec(['--profile', 'restricted', nonRoot.id, 'kill', '-0', '1']);
    expect(restricted.code, describeRun(restricted)).not.toBe(0);
    expect(restricted.stderr).toMatch(/not permitted/i);
    const general = await cdebugExec([nonRoot.id, 'kill', '-0', '1']);
    expect(general.code, describeRun(general)).toBe(0);
  });

  it('restricted keeps a user switch working (SETUID, SETGID and KILL, only then)', async () => {
    const r = await cdebugExec(['--profile', 'restricted', '-u', 'nonroot', nonRoot.id, 'id', '-u']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('65532\n');
  });

  it("baseline reaches a root target but not another user's, with 125 and a line that says why", async () => {
    const r = await cdebugExec(['--profile', 'baseline', nonRoot.id, 'true']);
    expectCdebugError(r, /cannot reach the target's root filesystem/);
  });

  it('netadmin adds NET_ADMIN and NET_RAW to general', async () => {
    const general = await privilegesOf(asRoot, []);
    const net = await privilegesOf(asRoot, ['--profile', 'netadmin']);
    expect(net.caps).toEqual(sorted([...general.caps, CAP.NET_ADMIN, CAP.NET_RAW]));
  });

  it('sysadmin asks for a privileged sidecar, as --privileged: SYS_ADMIN where the engine grants it, else its refusal and nothing left', async () => {
    if (await enginePrivileged()) {
      const sys = await privilegesOf(asRoot, ['--profile', 'sysadmin']);
      expect(sys.caps).toContain(CAP.SYS_ADMIN);
      expect(await privilegesOf(asRoot, ['--privileged'])).toEqual(sys);
    } else {
      for (const flags of [['--profile', 'sysadmin'], ['--privileged']]) {
        expectCdebugError(await cdebugExec([...flags, asRoot.id, 'true']), /sidecar did not start: .*caps/);
      }
    }
  });

  it('puts --cap-add and --cap-drop on top of the profile', async () => {
    const p = await privilegesOf(asRoot, ['--profile', 'restricted', '--cap-add', 'net_raw', '--cap-add', 'CAP_KILL']);
    expect(p.caps).toEqual(sorted([CAP.KILL, CAP.NET_RAW, CAP.SYS_CHROOT, CAP.SYS_PTRACE]));
    const general = await privilegesOf(asRoot, []);
    const changed = await privilegesOf(asRoot, ['--cap-drop', 'DAC_OVERRIDE', '--cap-add', 'NET_ADMIN']);
    expect(changed.caps).toEqual(sorted([...without(general.caps, CAP.DAC_OVERRIDE), CAP.NET_ADMIN]));
  });

  it('refuses an unknown profile, a bad capability, a contradiction, and --privileged beside another profile, before the engine', async () => {
    expectCdebugError(await cdebugExec(['--profile', 'root', asRoot.id]), /not a profile/);
    expectCdebugError(await cdebugExec(['--cap-add', 'NET ADMIN', asRoot.id]), /not a capability for --cap-add/);
    expectCdebugError(await cdebugExec(['--cap-add', 'NET_RAW', '--cap-drop', 'NET_RAW', asRoot.id]), /both added and dropped/);
    expectCdebugError(await cdebugExec(['--privileged', '--profile', 'baseline', asRoot.id]), /sysadmin/);
  });

  it('lists the profiles in the help, one line each', async () => {
    const r = await cdebugExec(['--help']);
    for (const p of ['general', 'baseline', 'restricted', 'netadmin', 'sysadmin']) expect(r.stdout).toMatch(new RegExp(`^  ${p} +\\S`, 'm'));
    expect(r.stdout).toMatch(/--cap-add CAP/);
  });
});
