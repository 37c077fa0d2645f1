// `cdebug exec --host containerd://...` end to end, against the tests' own containerd
// (scripts/containerd.sh): hard targets, exit codes, stdin, errors, and nothing left behind.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, expectCdebugError, startCli, takeOwners } from '../helpers/cli.js';
import { BUSYBOX, type CtrTarget, ctr, expectNothingLeft, HOST, removeCtrTargets, startCtrTarget, zombiesOf } from './ctr.js';

let distroless: CtrTarget;
let nonRoot: CtrTarget;
let readOnly: CtrTarget;
let capDropAll: CtrTarget;
let otherNamespace: CtrTarget;

beforeAll(async () => {
  ensureBuilt();
  [distroless, nonRoot, readOnly, capDropAll, otherNamespace] = await Promise.all([
    startCtrTarget(),
    // busybox's setpriv would do too, but the spec's own user is what a Kubernetes runAsUser sets
    startCtrTarget({ user: { uid: 65532, gid: 65532 } }),
    startCtrTarget({ runArgs: ['--read-only'] }),
    startCtrTarget({ noCapabilities: true }),
    startCtrTarget({ namespace: 'k8s.io' }),
  ]);
});
afterEach(async () => {
  takeOwners();
  await expectNothingLeft('default');
  await expectNothingLeft('k8s.io');
});
afterAll(removeCtrTargets);

const exec = (target: CtrTarget, args: string[], opts: Parameters<typeof cdebugExec>[1] = {}) =>
  cdebugExec(['--host', HOST, ...(target.namespace !== 'default' ? ['--namespace', target.namespace] : []), target.id, ...args], opts);

describe('cdebug exec on containerd', () => {
  it("runs a command in a distroless target's root, with its PID namespace, working directory and environment", async () => {
    const r = await exec(distroless, ['sh', '-c', 'pwd; ls /srv; tr "\\0" " " < /proc/1/cmdline; echo; echo "$FIXTURE_MODE"; cat /etc/fixture-release']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('/srv\nREADME.fixture\n/app \ndistroless\ncdebug-fixture\n');
    expect(await zombiesOf(distroless)).toEqual([]);
  });

  it("exits with the command's own status", async () => {
    const r = await exec(distroless, ['sh', '-c', 'exit 3']);
    expect(r.code, describeRun(r)).toBe(3);
    const killed = await exec(distroless, ['sh', '-c', 'kill -9 $$']);
    expect(killed.code, describeRun(killed)).toBe(137);
  });

  it('passes arguments with quotes, spaces, $ and newlines through unchanged', async () => {
    const arg = `it's "quoted" $HOME\n\tand more`;
    const r = await exec(distroless, ['printf', '%s', arg]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe(arg);
  });

  it('sends piped input with -i, to its end', async () => {
    const input = `${'x'.repeat(200_000)}\nlast line\n`;
    const piped = await cdebugExec(['-i', '--host', HOST, distroless.id, 'sh', '-c', 'wc -c; echo done'], { input });
    expect(piped.code, describeRun(piped)).toBe(0);
    expect(piped.stdout).toBe(`${input.length}\ndone\n`);
  });

  it('keeps stdout and stderr apart without a tty', async () => {
    const r = await exec(distroless, ['sh', '-c', 'echo out; echo err >&2']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
  });

  it('debugs a target that runs as a non-root user (CAP_SYS_PTRACE for /proc/1/root)', async () => {
    const r = await exec(nonRoot, ['sh', '-c', 'id -u; ls /srv; grep "^Uid:" /proc/1/status']);
    expect(r.code, describeRun(r)).toBe(0);
    const [uid, ls, status] = r.stdout.split('\n');
    expect(uid).toBe('0');
    expect(ls).toBe('README.fixture');
    expect(status).toMatch(/^Uid:\s+65532\s+65532/);
  });

  it('debugs a target with a read-only root filesystem, writing nothing into it', async () => {
    const r = await exec(readOnly, ['ls', '/srv']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('README.fixture\n');
    const w = await exec(readOnly, ['touch', '/srv/should-fail']);
    expect(w.code, describeRun(w)).not.toBe(0);
    expect(w.stderr).toMatch(/read-only file system/i);
  });

  it('debugs a target with no capabilities (its dropped ones are not copied)', async () => {
    const r = await exec(capDropAll, ['sh', '-c', 'grep "^CapEff:" /proc/1/status; grep "^CapEff:" /proc/self/status']);
    expect(r.code, describeRun(r)).toBe(0);
    const [targetCaps, ownCaps] = r.stdout.split('\n');
    expect(targetCaps).toMatch(/^CapEff:\s+0+$/);
    // CAP_SYS_PTRACE is bit 19
    expect(BigInt(`0x${ownCaps?.split(/\s+/)[1]}`) & (1n << 19n)).not.toBe(0n);
  });

  it('reaches a target in another namespace with --namespace', async () => {
    const r = await exec(otherNamespace, ['sh', '-c', 'ls /srv']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('README.fixture\n');
    // and not without it
    const missing = await cdebugExec(['--host', HOST, otherNamespace.id, 'true']);
    expectCdebugError(missing, /No container in containerd's namespace "default" has the id/);
  });

  it('ends with a clear error when the target stops mid-session', async () => {
    const victim = await startCtrTarget();
    const running = startCli(['exec', '--host', HOST, victim.id, 'sh', '-c', 'echo started; sleep 60'], { timeoutMs: 45_000 });
    // killed once the session is surely on
    await new Promise<void>((resolve) => running.child.stdout?.on('data', (d: Buffer) => d.toString().includes('started') && resolve()));
    await ctr('default', 'tasks', 'kill', '-s', 'SIGKILL', victim.id);
    const r = await running.result;
    expect(r.stdout).toBe('started\n');
    expectCdebugError({ ...r, stdout: '' }, /stopped/);
  });

  it('says how to get a missing toolkit image, and starts nothing', async () => {
    const missing = await cdebugExec(['--host', HOST, '--image', 'cdebug-fixture/not-there:latest', distroless.id, 'true']);
    expectCdebugError(missing, /ctr -n default images pull docker\.io\/cdebug-fixture\/not-there:latest/);
  });

  it('refuses a missing target and a stopped one', async () => {
    const r = await cdebugExec(['--host', HOST, 'ctrd-no-such-target', 'true']);
    expectCdebugError(r, /No container in containerd's namespace "default" has the id "ctrd-no-such-target"/);
    const created = `ctrd-created-${process.pid}`;
    await ctr('default', 'containers', 'create', '--label', 'io.cdebug.fixture=1', BUSYBOX, created);
    try {
      const stopped = await cdebugExec(['--host', HOST, created, 'true']);
      expectCdebugError(stopped, /has no running task/);
    } finally {
      await ctr('default', 'containers', 'rm', created);
    }
  });

  it('says so when containerd does not answer', async () => {
    const r = await cdebugExec(['--host', 'containerd:///run/ctrd-nothing-here.sock', distroless.id, 'true']);
    expectCdebugError(r, /containerd at \/run\/ctrd-nothing-here\.sock does not answer/);
  });
});
