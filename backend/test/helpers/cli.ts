// Runs the real CLI (`node backend/bin/cdebug.js ...`) as a child process from the repository
// root and collects what it printed, its exit status and how long it took. Every run's owner
// label (`cli:<host>:<pid>`) is remembered, so that a test can check none of its sidecars is left.

import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cliOwner } from '../../src/sessions/owner.js';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = 'backend/bin/cdebug.js';

/** Builds the backend (tsc into backend/dist) when the compiled CLI is missing. */
export function ensureBuilt(): void {
  if (existsSync(new URL('../../dist/cli/main.js', import.meta.url))) return;
  execFileSync('npm', ['run', 'build', '--workspace', 'backend'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
}

export interface CliResult {
  /** exit status; null when killed by a signal (see `signal`) */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
  /** wall time from spawn to exit */
  ms: number;
  pid: number;
  /** the run outlived `timeoutMs` and was killed */
  timedOut: boolean;
}

export interface CliOptions {
  /** piped to stdin, which is then closed; without it stdin is /dev/null (or `stdin`) */
  input?: string | Buffer;
  stdin?: 'ignore' | 'pipe';
  /** added to (or, when undefined, removed from) this process's environment */
  env?: Record<string, string | undefined>;
  /** killed with SIGKILL after this long (default 30 s) */
  timeoutMs?: number;
  /** a shell command line instead of the CLI itself: `$CDEBUG` in it runs the CLI */
  shell?: string;
}

export interface CliRun {
  child: ChildProcess;
  pid: number;
  owner: string;
  result: Promise<CliResult>;
}

const owners: string[] = [];

export const ownerOf = (pid: number): string => cliOwner(pid);

/** Owners of the CLI runs since the last call (for the after-test check). */
export function takeOwners(): string[] {
  return owners.splice(0);
}

/** Starts the CLI and returns at once: for tests that signal it while it runs. */
export function startCli(args: readonly string[], opts: CliOptions = {}): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, CDEBUG_IMAGE: undefined };
  for (const [k, v] of Object.entries(opts.env ?? {})) env[k] = v;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const stdin = opts.input !== undefined ? 'pipe' : (opts.stdin ?? 'ignore');
  const started = Date.now();
  const child = opts.shell
    ? spawn('sh', ['-c', opts.shell], { cwd: REPO_ROOT, env: { ...env, CDEBUG: `node ${CLI}` }, stdio: [stdin, 'pipe', 'pipe'] })
    : spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: [stdin, 'pipe', 'pipe'] });
  const pid = child.pid ?? -1;
  const owner = ownerOf(pid);
  owners.push(owner);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  if (opts.input !== undefined && child.stdin) {
    child.stdin.on('error', () => undefined); // EPIPE when the CLI does not read it all
    child.stdin.end(opts.input);
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 30_000);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
        ms: Date.now() - started,
        pid,
        timedOut,
      });
    });
  });
  return { child, pid, owner, result };
}

/** `cdebug ARGS...` to the end. */
export function cdebug(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return startCli(args, opts).result;
}

/** `cdebug exec ARGS...` to the end. */
export function cdebugExec(args: readonly string[], opts: CliOptions = {}): Promise<CliResult> {
  return cdebug(['exec', ...args], opts);
}

/** A readable summary for assertion messages. */
export function describeRun(r: CliResult): string {
  return (
    `exit ${r.code}${r.signal ? ` (signal ${r.signal})` : ''}${r.timedOut ? ' TIMED OUT' : ''} after ${r.ms} ms\n` +
    `stdout: ${JSON.stringify(r.stdout.slice(0, 2000))}\nstderr: ${JSON.stringify(r.stderr.slice(0, 2000))}`
  );
}

/**
 * What every failing CLI run must look like: status 125, nothing on stdout, one line on stderr
 * that starts with "cdebug: " and says what went wrong (matches `re`).
 */
export function expectCdebugError(r: CliResult, re: RegExp): void {
  expect(r.code, describeRun(r)).toBe(125);
  expect(r.stdout, describeRun(r)).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines, describeRun(r)).toHaveLength(2); // one line, then the final newline
  expect(lines[0]).toMatch(/^cdebug: \S/);
  expect(lines[0]).toMatch(re);
}
