// `cdebug exec --host cri://...` in the hard cases: a terminal (tmux) with its size and resizes,
// targets that run as a non-root user, on a read-only root, with every capability dropped, a
// target that stops under the session, and Ctrl-C. Every run leaves no sidecar in the pod, and
// no process (nor zombie) of its own in the target.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, startCli } from '../helpers/cli.js';
import { poll } from '../helpers/docker.js';
import { expectResize, TmuxTerminal } from '../helpers/tmux.js';
import { CRI_HOST, kitClient, processesIn, removePod, runPod, runTarget, sidecarsIn, type TestPod } from './kit.js';

const api = kitClient();
let pod: TestPod;
const targets: Record<string, string> = {};
const terminals: TmuxTerminal[] = [];

beforeAll(async () => {
  ensureBuilt();
  pod = await runPod(api);
  targets.app = await runTarget(api, pod);
  targets.nonroot = await runTarget(api, pod, { name: 'nonroot', runAsUser: 65532 });
  targets.readonly = await runTarget(api, pod, { name: 'readonly', readonlyRootfs: true });
  targets.capdrop = await runTarget(api, pod, { name: 'capdrop', dropAll: true, runAsUser: 65532 });
});
afterEach(async () => {
  await Promise.all(terminals.splice(0).map((t) => t.close()));
  expect(await sidecarsIn(api, pod)).toEqual([]);
  for (const id of Object.values(targets)) {
    // only the target's own /app is left: nothing of the session, no zombie
    const left = await processesIn(api, id);
    expect(left.map((p) => p.replace(/^\d+ /, ''))).toEqual(['S /app']);
  }
});
afterAll(async () => {
  await removePod(api, pod);
  api.close();
});

const host = ['--host', CRI_HOST];

function terminal(): TmuxTerminal {
  const t = new TmuxTerminal();
  terminals.push(t);
  return t;
}

describe('cdebug exec -it on a CRI runtime', () => {
  it('gives a prompt in the working directory at the terminal size, follows a resize, exits with `exit 4`', async () => {
    const t = terminal();
    await t.start(['exec', ...host, '-it', pod.name + '/app'], 100, 30, { TERM: 'xterm-256color' });
    await t.waitForScreen(/\/srv # $/m, 30_000);
    await t.typeLine('stty size; echo "term=$TERM"; [ -t 0 ] && [ -t 1 ] && echo "in=out=tty"');
    const screen = await t.waitForScreen(/^in=out=tty$/m);
    expect(screen).toMatch(/^30 100$/m);
    expect(screen).toMatch(/^term=xterm-256color$/m);
    await expectResize(t, 120, 40);
    await t.typeLine('exit 4');
    expect(await t.exitCode(30_000)).toBe(4);
  });

  it('ends with Ctrl-D at the prompt, status 0', async () => {
    const t = terminal();
    await t.start(['exec', ...host, '-it', pod.name + '/app'], 80, 24);
    await t.waitForScreen(/\/srv # $/m, 30_000);
    await t.keys('C-d');
    expect(await t.exitCode(30_000)).toBe(0);
  });
});

describe('hard targets on a CRI runtime', () => {
  it.each([
    ['nonroot', '65532'],
    ['readonly', '0'],
    ['capdrop', '65532'],
  ])("reaches the %s target's root and runs as root beside its user %s", async (name, uid) => {
    const r = await cdebugExec([...host, `${pod.name}/${name}`, 'sh', '-c', 'ls /app && id -u && grep "^Uid:" /proc/1/status']);
    expect(r.code, describeRun(r)).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('/app');
    expect(lines[1]).toBe('0');
    expect(lines[2]).toMatch(new RegExp(`^Uid:\\s+${uid}\\s`));
  });

  it('cannot write to a read-only target, and says so', async () => {
    const r = await cdebugExec([...host, `${pod.name}/readonly`, 'sh', '-c', 'touch /cri-was-here; echo "status $?"']);
    expect(r.stdout, describeRun(r)).toBe('status 1\n');
    expect(r.stderr).toMatch(/Read-only file system/);
  });
});

describe('the end of a session on a CRI runtime', () => {
  it('Ctrl-C (SIGINT): exit 130 promptly, the sidecar and its command are gone', async () => {
    const cli = startCli(['exec', ...host, `${pod.name}/app`, 'sleep', '100'], { timeoutMs: 40_000 });
    await poll(
      () => processesIn(api, targets.app ?? ''),
      (ps) => ps.some((p) => p.endsWith('sleep 100')),
      'sleep 100 to run in the target',
      30_000,
    );
    cli.child.kill('SIGINT');
    const r = await cli.result;
    expect(r.code, describeRun(r)).toBe(130);
    expect(await sidecarsIn(api, pod)).toEqual([]);
  });

  it('a target that stops under the session ends it with a clear message', async () => {
    const other = await runPod(api);
    try {
      const id = await runTarget(api, other);
      const cli = startCli(['exec', ...host, other.name, 'sleep', '100'], { timeoutMs: 40_000 });
      await poll(
        () => processesIn(api, id),
        (ps) => ps.some((p) => p.endsWith('sleep 100')),
        'sleep 100 to run in the target',
        30_000,
      );
      await api.stopContainer(id, 0);
      const r = await cli.result;
      expect(r.code, describeRun(r)).toBe(125);
      expect(r.stderr).toMatch(/stopped/);
      expect(await sidecarsIn(api, other)).toEqual([]);
    } finally {
      await removePod(api, other);
    }
  });
});
