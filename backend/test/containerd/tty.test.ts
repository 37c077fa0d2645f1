// `cdebug exec -it --host containerd://...` in a real pseudo-terminal (tmux): the prompt, the
// size and its changes (Tasks.ResizePty), Ctrl-D and `exit 4`; and SIGINT of a non-TTY run.
// After each: nothing of cdebug's left in containerd, no process of the session in the target.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, ensureBuilt, startCli, takeOwners } from '../helpers/cli.js';
import { expectResize, hasTmux, TmuxTerminal } from '../helpers/tmux.js';
import { type CtrTarget, ctr, expectNothingLeft, HOST, removeCtrTargets, startCtrTarget, zombiesOf } from './ctr.js';

let target: CtrTarget;
const terminals: TmuxTerminal[] = [];

beforeAll(async () => {
  ensureBuilt();
  target = await startCtrTarget();
});
afterEach(async () => {
  await Promise.all(terminals.splice(0).map((t) => t.close()));
  takeOwners();
  await expectNothingLeft();
  expect(await processesOfTarget()).toEqual(['/app']);
  expect(await zombiesOf(target)).toEqual([]);
});
afterAll(removeCtrTargets);

function terminal(): TmuxTerminal {
  const t = new TmuxTerminal();
  terminals.push(t);
  return t;
}

/** the command lines of the target task's processes (the session's would show here) */
async function processesOfTarget(): Promise<string[]> {
  const { readFileSync } = await import('node:fs');
  const pids = (await ctr('default', 'tasks', 'ps', target.id))
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((p): p is string => Boolean(p));
  return pids.map((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      return '';
    }
  });
}

describe.skipIf(!hasTmux())('cdebug exec -it on containerd', () => {
  it('gives a prompt in the working directory, sees the size and its changes, and exits with `exit 4`', async () => {
    const t = terminal();
    await t.start(['exec', '-it', '--host', HOST, target.id], 100, 30, { TERM: 'xterm-256color' });
    await t.waitForScreen(/\/srv # $/m, 30_000);
    await t.typeLine('stty size; echo "term=$TERM"; [ -t 0 ] && [ -t 1 ] && echo "in=out=tty"');
    const screen = await t.waitForScreen(/^in=out=tty$/m);
    expect(screen).toMatch(/^30 100$/m);
    expect(screen).toMatch(/^term=xterm-256color$/m);
    await expectResize(t, 120, 40);
    await t.typeLine('exit 4');
    expect(await t.exitCode(30_000)).toBe(4);
  });

  it('ends with Ctrl-D', async () => {
    const t = terminal();
    await t.start(['exec', '-it', '--host', HOST, target.id], 80, 24);
    await t.waitForScreen(/\/srv # $/m, 30_000);
    await t.typeLine('sleep 1 &');
    await t.keys('C-d');
    expect(await t.exitCode(30_000)).toBe(0);
  });
});

describe('cdebug exec on containerd: SIGINT', () => {
  it('Ctrl-C (SIGINT) of a non-TTY run: exit 130, the sidecar and its command gone', async () => {
    const cli = startCli(['exec', '--host', HOST, target.id, 'sh', '-c', 'echo started; sleep 100'], { timeoutMs: 45_000 });
    await new Promise<void>((resolve) => cli.child.stdout?.on('data', (d: Buffer) => d.toString().includes('started') && resolve()));
    cli.child.kill('SIGINT');
    const r = await cli.result;
    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(r.code, describeRun(r)).toBe(130);
    // checked at once: gone by the time the CLI has exited
    expect(await ctr('default', 'containers', 'ls', '-q')).not.toMatch(/^cdebug-/m);
  });
});
