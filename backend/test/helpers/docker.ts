// Real containers for the CLI's integration tests: fixture targets started with the docker CLI
// (--network none, label io.cdebug.fixture=1) and removed after, and the checks that a session
// left nothing behind: no sidecar, an unchanged `docker diff`, no zombie in the target.

import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { BUSYBOX_IMAGE, parseSidecars, poll, sidecarIds, sidecarPsArgs, startFixtureTarget, throwawayArgs } from '../kit/engine.js';

export { BUSYBOX_IMAGE as BUSYBOX, FIXTURE_IMAGE as DISTROLESS, FIXTURE_LABEL, NIXKIT_IMAGE as NIXKIT, poll, sleep } from '../kit/engine.js';

const run = promisify(execFile);

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
  const id = await startFixtureTarget(
    { docker },
    {
      name,
      extra: opts.runArgs ?? [],
      createOnly: opts.createOnly === true,
      ...(opts.image ? { image: opts.image } : {}),
    },
  );
  started.push(id);
  return { id, name, baselineDiff: await docker('diff', id), knownZombies: new Set() };
}

/** Removes every target this file started (afterAll). */
export async function removeTargets(): Promise<void> {
  const ids = started.splice(0);
  if (ids.length > 0) await docker('rm', '-f', '-v', ...ids).catch(() => undefined);
}

/** Sidecars (io.cdebug.session) of these targets, or started by these CLI owners (`cli:<host>:<pid>`). */
export async function sidecarsOf(targetIds: readonly string[], owners: readonly string[] = []): Promise<string[]> {
  return sidecarIds(parseSidecars(await docker(...sidecarPsArgs())), owners, targetIds);
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

/** Calls `read` with the /proc/<pid> directory of every process in the PID namespace `ns`; keeps what it returns. */
function inNamespace(ns: string, read: (dir: string, pid: string) => string | null): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/pid`) !== ns) continue;
      const line = read(`/proc/${entry}`, entry);
      if (line !== null) found.push(line);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** `ps -o COLUMNS` in the target's PID namespace, run by a throwaway busybox that joins it; the header dropped */
async function psThroughBusybox(id: string, columns: string): Promise<string[]> {
  const out = await docker(...throwawayArgs(BUSYBOX_IMAGE, ['ps', '-o', columns], ['--pid', `container:${id}`]));
  return out.split('\n').slice(1);
}

/** Command lines (arguments joined by spaces) of the processes in the target's PID namespace. */
export async function processesIn(id: string): Promise<string[]> {
  const ns = await hostPidNamespace(id);
  if (ns) return inNamespace(ns, (dir) => readFileSync(`${dir}/cmdline`, 'utf8').replace(/\0$/, '').split('\0').join(' '));
  return (await psThroughBusybox(id, 'args')).map((l) => l.trim());
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
    return inNamespace(ns, (dir, pid) => {
      const stat = readFileSync(`${dir}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      return stat.slice(close + 2, close + 3) === 'Z' ? `${pid} ${stat.slice(stat.indexOf('(') + 1, close)}` : null;
    });
  }
  return (await psThroughBusybox(id, 'stat,pid,comm')).filter((l) => l.trim().startsWith('Z'));
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
