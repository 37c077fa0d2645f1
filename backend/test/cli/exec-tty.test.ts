// `cdebug exec -it` in a real pseudo-terminal (tmux): a prompt, the terminal's size and its
// changes, TERM, Ctrl-C for the command rather than for cdebug, the exit status, and the local
// terminal put back the way it was on every way out.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, takeOwners } from '../helpers/cli.js';
import { expectClean, removeTargets, startTarget, type Target } from '../helpers/docker.js';
import { expectResize, hasTmux, TmuxTerminal } from '../helpers/tmux.js';

let target: Target;
const terminals: TmuxTerminal[] = [];

beforeAll(async () => {
  ensureBuilt();
  target = await startTarget();
});
afterEach(async () => {
  await Promise.all(terminals.splice(0).map((t) => t.close()));
  await expectClean([target], takeOwners());
});
afterAll(removeTargets);

function terminal(): TmuxTerminal {
  const t = new TmuxTerminal();
  terminals.push(t);
  return t;
}

/** The local terminal after the CLI ended: line editing and echo back on (not raw). */
function expectCooked(stty: string): void {
  expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
  expect(stty).not.toMatch(/(^|\s)-icanon(\s|$)/m);
}

describe.skipIf(!hasTmux())('cdebug exec -it in a terminal', () => {
  it('gives a prompt in the working directory, sees the size and its changes, and exits with `exit 4`', async () => {
    const t = terminal();
    await t.start(['exec', '-it', target.id], 100, 30, { TERM: 'xterm-256color' });
    await t.waitForScreen(/\/srv # $/m);

    await t.typeLine('stty size; echo "term=$TERM"; [ -t 0 ] && [ -t 1 ] && echo "in=out=tty"');
    const screen = await t.waitForScreen(/^in=out=tty$/m);
    expect(screen).toMatch(/^30 100$/m);
    expect(screen).toMatch(/^term=xterm-256color$/m);

    await expectResize(t, 120, 40);

    await t.typeLine('exit 4');
    expect(await t.exitCode()).toBe(4);
    expectCooked(t.sttyAfter());
  });

  it('sends Ctrl-C to the command in the session, not to cdebug', async () => {
    const t = terminal();
    await t.start(['exec', '-it', target.id], 80, 24);
    await t.waitForScreen(/\/srv # $/m);
    await t.typeLine('sleep 100');
    await t.waitForScreen(/sleep 100\s*$/m);
    await new Promise((r) => setTimeout(r, 300));
    await t.keys('C-c');
    await t.waitForScreen(/\/srv # $/m, 5000);
    await t.typeLine('echo "still here $?"');
    await t.waitForScreen(/^still here 130$/m);
    await t.typeLine('exit');
    expect(await t.exitCode()).toBe(0);
    expectCooked(t.sttyAfter());
  });

  it('runs a given command in the terminal and exits with its status', async () => {
    const t = terminal();
    await t.start(['exec', '-it', target.id, 'sh', '-c', 'stty size; printf "[%s]" "$@"; exit 3', 'sh', 'a b', '$HOME'], 90, 20);
    expect(await t.exitCode()).toBe(3);
    const screen = await t.screen();
    expect(screen).toMatch(/^20 90$/m);
    expect(screen).toContain('[a b][$HOME]');
    expectCooked(t.sttyAfter());
  });

  it('puts the terminal back when cdebug itself fails', async () => {
    const t = terminal();
    await t.start(['exec', '-it', 'cdebug-no-such-container-xyz'], 80, 24);
    expect(await t.exitCode()).toBe(125);
    expect(await t.screen()).toMatch(/^cdebug: .*cdebug-no-such-container-xyz/m);
    expectCooked(t.sttyAfter());
  });
});
