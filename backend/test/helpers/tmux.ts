// A real pseudo-terminal for `cdebug exec -it`: a detached tmux session on a private server
// socket, driven with send-keys, read with capture-pane and resized with resize-window.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { REPO_ROOT } from './cli.js';
import { sleep } from './docker.js';

const run = promisify(execFile);
let counter = 0;

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const shq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export class TmuxTerminal {
  readonly socket = `cdebug-test-${process.pid}-${counter++}`;
  private readonly dir = mkdtempSync(join(tmpdir(), 'cdebug-tty-'));
  readonly exitFile = join(this.dir, 'exit');
  readonly sttyFile = join(this.dir, 'stty');

  private tmux(...args: string[]): Promise<string> {
    return run('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', timeout: 10_000 }).then((r) => r.stdout);
  }

  /**
   * Runs `node backend/bin/cdebug.js ARGS...` in a cols x rows terminal; when it ends, its exit
   * status goes to `exitFile` and the terminal's settings (`stty -a`) to `sttyFile`.
   */
  async start(args: readonly string[], cols: number, rows: number, env: Record<string, string> = {}): Promise<void> {
    const script = join(this.dir, 'run.sh');
    const exports = Object.entries(env)
      .map(([k, v]) => `export ${k}=${shq(v)}\n`)
      .join('');
    writeFileSync(
      script,
      `cd ${shq(REPO_ROOT)}\nunset CDEBUG_IMAGE\n${exports}` +
        `${shq(process.execPath)} backend/bin/cdebug.js ${args.map(shq).join(' ')}\n` +
        `code=$?\nstty -a > ${shq(this.sttyFile)} 2>&1\necho "$code" > ${shq(this.exitFile)}\nexec sleep 600\n`,
    );
    await this.tmux('new-session', '-d', '-s', 'main', '-x', String(cols), '-y', String(rows), `sh ${shq(script)}`);
  }

  async screen(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-J', '-t', 'main');
  }

  async waitForScreen(re: RegExp, ms = 15_000): Promise<string> {
    const deadline = Date.now() + ms;
    let last = '';
    while (Date.now() < deadline) {
      last = await this.screen();
      if (re.test(last)) return last;
      await sleep(100);
    }
    throw new Error(`timed out after ${ms} ms waiting for ${re} on the terminal; it shows:\n${last}`);
  }

  /** types text literally, then Enter */
  async typeLine(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', 'main', '-l', text);
    await this.tmux('send-keys', '-t', 'main', 'Enter');
  }

  /** tmux key names, e.g. C-c */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', 'main', ...keys);
  }

  async resize(cols: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
  }

  /** The CLI's exit status once it has ended. */
  async exitCode(ms = 15_000): Promise<number> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (existsSync(this.exitFile)) {
        const text = readFileSync(this.exitFile, 'utf8').trim();
        if (text !== '') return Number(text);
      }
      await sleep(100);
    }
    throw new Error(`the CLI did not end within ${ms} ms; the terminal shows:\n${await this.screen().catch(() => '?')}`);
  }

  sttyAfter(): string {
    return readFileSync(this.sttyFile, 'utf8');
  }

  async close(): Promise<void> {
    // kill-server leaves the socket file behind: remove it too
    const socketPath = (await this.tmux('display-message', '-p', '#{socket_path}').catch(() => '')).trim();
    await this.tmux('kill-server').catch(() => undefined);
    if (socketPath) rmSync(socketPath, { force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Resizes the terminal and checks that the command in it sees the new size (`stty size`). The
 * change travels SIGWINCH -> the CLI -> the engine's resize: this gives it a moment, asking
 * again until it shows.
 */
export async function expectResize(t: TmuxTerminal, cols: number, rows: number): Promise<void> {
  await t.resize(cols, rows);
  const size = new RegExp(`^${rows} ${cols}$`, 'm');
  let resized = '';
  for (let i = 0; i < 5 && !size.test(resized); i++) {
    await t.typeLine('stty size');
    resized = await t.waitForScreen(size, 2000).catch(() => '');
  }
  expect(resized, await t.screen()).toMatch(size);
}

/**
 * A terminal session started at 100 x 30 in a busybox target's /srv: the prompt, the size, a
 * resize to 120 x 40 that the command sees, and `exit 4` as the CLI's exit status.
 */
export async function expectTerminalResizes(t: TmuxTerminal): Promise<void> {
  await t.waitForScreen(/\/srv # $/m);
  await t.typeLine('stty size');
  await t.waitForScreen(/^30 100$/m);
  await expectResize(t, 120, 40);
  await t.typeLine('exit 4');
  expect(await t.exitCode()).toBe(4);
}
