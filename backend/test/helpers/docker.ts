// Real containers for the CLI's integration tests: fixture targets started with the docker CLI
// (--network none, label io.cdebug.fixture=1) and removed after, and the checks that a session
// left nothing behind: no sidecar, an unchanged `docker diff`, no zombie in the target.

import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'vitest';

const run = promisify(execFile);

export const DISTROLESS = 'cdebug-fixture/distroless:latest';
export const NIXKIT = 'cdebug-fixture/nixkit:latest';
export const BUSYBOX = 'busybox:latest';
export const FIXTURE_LABEL = 'io.cdebug.fixture=1';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `docker ARGS...`, its stdout trimmed; throws with stderr when it fails. */
export async function docker(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('docker', args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
    return stdout.trim();
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`docker ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

export async function poll<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(value)?.slice(0, 500)})`);
    await sleep(100);
  }
}

export interface Target {
  id: string;
  name: string;
  /** `docker diff` right after the start: what the target's own options put there (e.g. a tmpfs mount point) */
  baselineDiff: string;
  /** zombies already reported by an earlier check: each is reported once, by the test that made it */
  knownZombies: Set<string>;
}

const started: string[] = [];

export interface TargetOptions {
  /** extra `docker run` options, e.g. ['-u', '65532'], ['--read-only'], ['--pid', 'container:<id>'] */
  runArgs?: string[];
  image?: string;
  /** `docker create` only: a target that is not running */
  createOnly?: boolean;
}

/** A fixture target (the distroless image by default), running and ready unless `createOnly`. */
export async function startTarget(opts: TargetOptions = {}): Promise<Target> {
  const name = `cdebug-cli-it-${process.pid}-${started.length}-${Date.now().toString(36)}`;
  const verb = opts.createOnly ? 'create' : 'run';
  const id = await docker(
    verb,
    ...(opts.createOnly ? [] : ['-d']),
    '--network',
    'none',
    '--label',
    FIXTURE_LABEL,
    '--name',
    name,
    ...(opts.runArgs ?? []),
    opts.image ?? DISTROLESS,
  );
  started.push(id);
  if (!opts.createOnly) {
    await poll(
      () => docker('logs', id),
      (logs) => logs.includes('cdebug fixture target ready'),
      `target ${name} to be ready`,
    );
  }
  return { id, name, baselineDiff: await docker('diff', id), knownZombies: new Set() };
}

/** Removes every target this file started (afterAll). */
export async function removeTargets(): Promise<void> {
  const ids = started.splice(0);
  if (ids.length > 0) await docker('rm', '-f', '-v', ...ids).catch(() => undefined);
}

/** Sidecars (io.cdebug.session) of these targets, or started by these CLI owners (`cli:<host>:<pid>`). */
export async function sidecarsOf(targetIds: readonly string[], owners: readonly string[] = []): Promise<string[]> {
  const out = await docker(
    'ps',
    '-a',
    '--filter',
    'label=io.cdebug.session',
    '--format',
    '{{.ID}}\t{{.Label "io.cdebug.target"}}\t{{.Label "io.cdebug.owner"}}',
  );
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split('\t'))
    .filter(([, target, owner]) => targetIds.includes(target ?? '') || owners.includes(owner ?? ''))
    .map(([id]) => id as string);
}

export async function isRunning(id: string): Promise<boolean> {
  return (await docker('inspect', '--format', '{{.State.Running}}', id).catch(() => 'false')) === 'true';
}

/** The PID namespace of a running container's first process, when this host's /proc shows it. */
async function hostPidNamespace(id: string): Promise<string | null> {
  const pid = Number(await docker('inspect', '--format', '{{.State.Pid}}', id));
  if (!pid) return null;
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return null;
  }
}

/** Command lines (arguments joined by spaces) of the processes in the target's PID namespace. */
export async function processesIn(id: string): Promise<string[]> {
  const ns = await hostPidNamespace(id);
  if (ns) {
    const found: string[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readlinkSync(`/proc/${entry}/ns/pid`) !== ns) continue;
        found.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0$/, '').split('\0').join(' '));
      } catch {
        // the process ended while we looked
      }
    }
    return found;
  }
  const out = await docker('run', '--rm', '--network', 'none', '--label', FIXTURE_LABEL, '--pid', `container:${id}`, BUSYBOX, 'ps', '-o', 'args');
  return out
    .split('\n')
    .slice(1)
    .map((l) => l.trim());
}

/**
 * Processes in state Z in the target's PID namespace, as "pid comm" lines. Read from the host's
 * /proc when the engine runs here (fast); otherwise through a throwaway busybox that joins the
 * namespace.
 */
export async function zombiesIn(id: string): Promise<string[]> {
  if (!(await isRunning(id))) return [];
  const ns = await hostPidNamespace(id);
  if (ns) {
    const found: string[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readlinkSync(`/proc/${entry}/ns/pid`) !== ns) continue;
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const state = stat.slice(close + 2, close + 3);
        if (state === 'Z') found.push(`${entry} ${stat.slice(stat.indexOf('(') + 1, close)}`);
      } catch {
        // the process ended while we looked
      }
    }
    return found;
  }
  const out = await docker('run', '--rm', '--network', 'none', '--label', FIXTURE_LABEL, '--pid', `container:${id}`, BUSYBOX, 'ps', '-o', 'stat,pid,comm');
  return out
    .split('\n')
    .slice(1)
    .filter((l) => l.trim().startsWith('Z'));
}

/**
 * The rule after every test: no sidecar of these targets or CLI runs is left, each target's
 * `docker diff` is what it was at its start, and no session left a zombie in a running target.
 */
export async function expectClean(targets: readonly Target[], owners: readonly string[] = []): Promise<void> {
  // The CLI exits once the engine has removed the sidecar; a short grace covers slow engines.
  const left = await poll(
    () =>
      sidecarsOf(
        targets.map((t) => t.id),
        owners,
      ),
    (l) => l.length === 0,
    'no sidecar left',
    3000,
  ).catch(async () =>
    sidecarsOf(
      targets.map((t) => t.id),
      owners,
    ),
  );
  expect(left, 'sidecars left behind').toEqual([]);
  const states = await Promise.all(targets.map(async (t) => ({ t, diff: await docker('diff', t.id), zombies: await zombiesIn(t.id) })));
  for (const { t, diff, zombies } of states) {
    const fresh = zombies.filter((z) => !t.knownZombies.has(z));
    for (const z of fresh) t.knownZombies.add(z);
    expect(diff, `docker diff ${t.name}`).toBe(t.baselineDiff);
    expect(fresh, `new zombies in ${t.name} (a process of the session that no one reaped)`).toEqual([]);
  }
}
