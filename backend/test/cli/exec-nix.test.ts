// A nixery.dev-style toolkit (cdebug-fixture/nixkit: a dynamic busybox whose loader lives in
// /nix/store, reached through absolute /bin symlinks). After the chroot its tools need /nix:
// on a writable target the engine links it in for the session and removes the link after; on a
// read-only target, or one with a /nix of its own, it falls back to a shell in the toolkit's
// filesystem with the target's root at $CDEBUG_ROOTFS, and says so. Nothing of the target's is
// ever replaced or deleted.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, startCli, takeOwners } from '../helpers/cli.js';
import { docker, expectClean, NIXKIT, poll, processesIn, removeTargets, sidecarsOf, startTarget, type Target } from '../helpers/docker.js';

let writable: Target;
let readOnly: Target;
let ownNix: Target;

beforeAll(async () => {
  ensureBuilt();
  [writable, readOnly, ownNix] = await Promise.all([startTarget(), startTarget({ runArgs: ['--read-only'] }), startTarget({ runArgs: ['--tmpfs', '/nix'] })]);
});
afterEach(async () => {
  await expectClean([writable, readOnly, ownNix], takeOwners());
});
afterAll(removeTargets);

const nix = (target: Target, args: string[]) => cdebugExec(['--image', NIXKIT, target.id, ...args]);

describe('cdebug exec with a nix-style toolkit', () => {
  it("runs the toolkit's /nix/store tools inside a writable target, and leaves nothing behind", async () => {
    const r = await nix(writable, ['sh', '-c', 'pwd; ls /srv; readlink /proc/$$/exe; wc -l < /srv/README.fixture; ps -o pid,args | grep -c "^ *1 /app"']);
    expect(r.code, describeRun(r)).toBe(0);
    const [pwd, ls, exe, lines, pid1] = r.stdout.split('\n');
    expect(pwd).toBe('/srv');
    expect(ls).toBe('README.fixture');
    expect(exe).toMatch(/^\/nix\/store\/[0-9a-z]{32}-busybox-[^/]+\/bin\/busybox$/); // the nix busybox itself
    expect(lines).toBe('3');
    expect(pid1).toBe('1');
    expect(r.stderr).toBe('');
    // the after-test check: `docker diff` is what it was at the start (empty on Docker; Podman
    // writes /etc/hosts and /etc/hostname into every container), so the /nix link is gone
    expect(await docker('diff', writable.id)).toBe(writable.baselineDiff);
  });

  it('passes arguments and the exit status through unchanged', async () => {
    const r = await nix(writable, ['sh', '-c', 'printf "[%s]" "$@"; exit 6', 'sh', 'a b', '$HOME', "'", 'l1\nl2']);
    expect(r.code, describeRun(r)).toBe(6);
    expect(r.stdout).toBe("[a b][$HOME]['][l1\nl2]");
  });

  it('falls back on a read-only target: a shell in the toolkit with the target at $CDEBUG_ROOTFS, and says so', async () => {
    const r = await nix(readOnly, ['sh', '-c', 'ls "$CDEBUG_ROOTFS/srv"; cat "$CDEBUG_ROOTFS/etc/fixture-release"; pwd']);
    expect(r.code, describeRun(r)).toBe(0);
    const [ls, release, pwd] = r.stdout.split('\n');
    expect(ls).toBe('README.fixture');
    expect(release).toBe('cdebug-fixture');
    expect(pwd).toMatch(/^\/proc\/\d+\/root\/srv$/); // the target's working directory, through its root
    expect(r.stderr).toMatch(/^cdebug: .*read-only/m);
    expect(r.stderr).toMatch(/CDEBUG_ROOTFS/);
  });

  it('falls back, touching nothing, on a target that has a /nix of its own', async () => {
    // Put something of the target's own into its /nix (a tmpfs), with the default toolkit.
    const put = await cdebugExec([ownNix.id, 'sh', '-c', 'echo mine > /nix/keep']);
    expect(put.code, describeRun(put)).toBe(0);
    const r = await nix(ownNix, ['sh', '-c', 'cat "$CDEBUG_ROOTFS/nix/keep"; ls "$CDEBUG_ROOTFS/srv"']);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('mine\nREADME.fixture\n');
    expect(r.stderr).toMatch(/\/nix of its own/);
    const after = await cdebugExec([ownNix.id, 'sh', '-c', 'test -d /nix && test ! -L /nix && cat /nix/keep']);
    expect(after.stdout).toBe('mine\n');
  });

  it('removes the /nix link when the session is interrupted with Ctrl-C', async () => {
    const cli = startCli(['exec', '--image', NIXKIT, writable.id, 'sleep', '100'], { timeoutMs: 20_000 });
    await poll(
      () => docker('diff', writable.id),
      (d) => d.includes('A /nix'),
      'the /nix link to be planted',
      15_000,
    );
    await poll(
      () => processesIn(writable.id),
      (ps) => ps.includes('sleep 100'),
      'the command to run',
      15_000,
    );
    cli.child.kill('SIGINT');
    const r = await cli.result;
    expect(r.timedOut, `the CLI did not exit after SIGINT: ${describeRun(r)}`).toBe(false);
    expect(r.code, describeRun(r)).toBe(130);
    expect(await sidecarsOf([writable.id], [cli.owner])).toEqual([]);
    expect(await docker('diff', writable.id)).toBe(writable.baselineDiff);
  });
});
