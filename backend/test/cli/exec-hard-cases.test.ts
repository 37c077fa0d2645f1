// The hard cases of ARCHITECTURE.md, each against a real target started the hard way:
// non-root, read-only root filesystem, --cap-drop ALL, all of them at once, a target that joined
// another container's PID namespace, and a target that stops while a session is open.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, startCli, takeOwners } from '../helpers/cli.js';
import { docker, expectClean, poll, processesIn, removeTargets, sidecarsOf, startTarget, type Target } from '../helpers/docker.js';

let nonRoot: Target;
let readOnly: Target;
let capDropAll: Target;
let hardened: Target;
let anchorTarget: Target; // owns the PID namespace
let joined: Target; // --pid container:<anchorTarget>
let all: Target[];

beforeAll(async () => {
  ensureBuilt();
  [nonRoot, readOnly, capDropAll, hardened, anchorTarget] = await Promise.all([
    startTarget({ runArgs: ['-u', '65532'] }),
    startTarget({ runArgs: ['--read-only'] }),
    startTarget({ runArgs: ['--cap-drop', 'ALL'] }),
    startTarget({ runArgs: ['-u', '65532:65532', '--read-only', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges'] }),
    startTarget(),
  ]);
  joined = await startTarget({ runArgs: ['--pid', `container:${anchorTarget.id}`, '-w', '/etc', '-e', 'WHO=joined'] });
  all = [nonRoot, readOnly, capDropAll, hardened, anchorTarget, joined];
});
afterEach(async () => {
  await expectClean(all, takeOwners());
});
afterAll(removeTargets);

async function ok(target: Target, args: string[]) {
  const r = await cdebugExec([target.id, ...args]);
  expect(r.code, describeRun(r)).toBe(0);
  return r;
}

describe('cdebug exec: hard targets', () => {
  it('debugs a target that runs as a non-root user (the sidecar needs CAP_SYS_PTRACE for /proc/1/root)', async () => {
    const r = await ok(nonRoot, ['sh', '-c', 'id -u; ls /srv; grep "^Uid:" /proc/1/status; cat /etc/fixture-release']);
    const [uid, ls, status, release] = r.stdout.split('\n');
    expect(uid).toBe('0'); // the default user is root, whatever the target runs as
    expect(ls).toBe('README.fixture');
    expect(status).toMatch(/^Uid:\s+65532\s+65532/);
    expect(release).toBe('cdebug-fixture');
  });

  it('debugs a target with a read-only root filesystem, writing nothing into it', async () => {
    const r = await ok(readOnly, ['ls', '/srv']);
    expect(r.stdout).toBe('README.fixture\n');
    const w = await cdebugExec([readOnly.id, 'touch', '/srv/should-fail']);
    expect(w.code, describeRun(w)).not.toBe(0);
    expect(w.stderr).toMatch(/read-only file system/i);
  });

  it('debugs a target started with --cap-drop ALL (its dropped capabilities are not copied)', async () => {
    const r = await ok(capDropAll, [
      'sh',
      '-c',
      'ls /srv; ps -o pid,args | grep -c "^ *1 /app"; grep "^CapEff:" /proc/1/status; grep "^CapEff:" /proc/self/status',
    ]);
    const [ls, pid1, targetCaps, ownCaps] = r.stdout.split('\n');
    expect(ls).toBe('README.fixture');
    expect(pid1).toBe('1');
    expect(targetCaps).toMatch(/^CapEff:\s+0+$/);
    expect(ownCaps).not.toMatch(/^CapEff:\s+0+$/);
    // CAP_SYS_PTRACE is bit 19
    expect(BigInt(`0x${ownCaps?.split(/\s+/)[1]}`) & (1n << 19n)).not.toBe(0n);
  });

  it('debugs a non-root, read-only, --cap-drop ALL, no-new-privileges target, also as its own user', async () => {
    const r = await ok(hardened, ['sh', '-c', 'cat /srv/README.fixture | head -n 1; pwd']);
    expect(r.stdout).toBe('cdebug fixture: a distroless-like target.\n/srv\n');
    const asUser = await cdebugExec(['-u', 'nonroot', hardened.id, 'sh', '-c', 'id; ls /srv']);
    expect(asUser.code, describeRun(asUser)).toBe(0);
    expect(asUser.stdout).toBe('uid=65532(nonroot) gid=65532(nonroot)\nREADME.fixture\n');
  });

  it("debugs a target that joined another container's PID namespace, in that target's own root", async () => {
    // The joined target's first process is not PID 1 there; the engine finds it by cgroup. Its
    // root and the namespace owner's root are the same image, so compare the roots themselves:
    // the session's / must be the joined target's, not PID 1's.
    const script = [
      'me=; for d in /proc/[0-9]*; do',
      '  if grep -q "$0" "$d/cgroup" 2>/dev/null; then p=${d#/proc/}; if [ -z "$me" ] || [ "$p" -lt "$me" ]; then me=$p; fi; fi',
      'done',
      'pwd; echo "who=$WHO"; ls /',
      'echo "roots $(stat -c %d:%i /) $(stat -L -c %d:%i /proc/$me/root/) $(stat -L -c %d:%i /proc/1/root/)"',
      'tr "\\0" " " < /proc/1/cmdline; echo',
    ].join('\n');
    const r = await cdebugExec([joined.id, 'sh', '-c', script, joined.id]);
    expect(r.code, describeRun(r)).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['/etc', 'who=joined']);
    expect(lines).toEqual(expect.arrayContaining(['app', 'etc', 'srv', 'tmp']));
    const roots = lines.find((l) => l.startsWith('roots '))?.split(' ') ?? [];
    expect(roots).toHaveLength(4);
    const [, own, joinedRoot, pid1Root] = roots;
    expect(own).toBe(joinedRoot);
    expect(own).not.toBe(pid1Root);
    expect(lines).toContain('/app ');

    // And a session in the namespace's owner lands in the owner's root (PID 1).
    const o = await cdebugExec([anchorTarget.id, 'sh', '-c', 'echo "$(stat -c %d:%i /) $(stat -L -c %d:%i /proc/1/root/)"; pwd']);
    expect(o.code, describeRun(o)).toBe(0);
    const [ownerLine, ownerPwd] = o.stdout.split('\n');
    const [a, b] = (ownerLine ?? '').split(' ');
    expect(a).toBe(b);
    expect(ownerPwd).toBe('/srv');
  });

  it('ends the session with a clear message when the target stops while it is open', async () => {
    const victim = await startTarget();
    all.push(victim);
    const cli = startCli(['exec', victim.id, 'sleep', '100'], { timeoutMs: 30_000 });
    await poll(
      () => processesIn(victim.id),
      (ps) => ps.includes('sleep 100'),
      'the command to run in the target',
      15_000,
    );
    await docker('stop', '-t', '1', victim.id);
    const r = await cli.result;
    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(r.code, describeRun(r)).not.toBe(0);
    expect(await sidecarsOf([victim.id], [cli.owner])).toEqual([]);
    // ARCHITECTURE.md: "the target stops while a session is open: the session ends with a clear message"
    expect(r.stderr, describeRun(r)).toMatch(/^cdebug: .*(stopped|not running|exited)/im);
  });
});
