// What the read-only routes ask of several engines at once: each engine's reachability, and
// the containers and images of all of them (or of one), each marked with its engine; and of one
// engine, a container's last log lines. One engine that fails or hangs leaves the others'
// answers intact.

import type { ContainerSummary, EngineStatus, ImageSummary, Toolkit } from '../contract/index.js';
import { toCdebugError } from './errors.js';
import { listToolkits } from './toolkits.js';
import { tooSlow, withDeadline } from './deadline.js';
import type { EngineEntry, EnginePool } from '../runtimes/pool.js';
import type { ContainerScope } from '../runtimes/port.js';

/** how long `GET /api/engines` waits for one engine to say what it is */
export const PROBE_TIMEOUT_MS = 3000;
/** how long a list waits for one engine: listing inspects every container */
export const LIST_TIMEOUT_MS = 10_000;

export async function engineStatuses(pool: EnginePool, timeoutMs = PROBE_TIMEOUT_MS): Promise<EngineStatus[]> {
  return Promise.all(
    pool.entries().map(async (entry): Promise<EngineStatus> => {
      const base = { name: entry.name, host: entry.host, default: entry.name === pool.defaultName };
      try {
        const engine = await withDeadline((signal) => entry.catalog.describe(signal), timeoutMs, tooSlow(entry.name, entry.host, timeoutMs));
        return { ...base, reachable: true, engine };
      } catch (err) {
        return { ...base, reachable: false, engine: null, error: toCdebugError(err).toInfo() };
      }
    }),
  );
}

type Read<T> = (entry: EngineEntry, signal: AbortSignal) => Promise<T[]>;
type Placed<T> = T & { engine: string };

async function readOne<T>(entry: EngineEntry, read: Read<T>, timeoutMs: number): Promise<Placed<T>[]> {
  const listed = await withDeadline((signal) => read(entry, signal), timeoutMs, tooSlow(entry.name, entry.host, timeoutMs));
  return listed.map((item) => ({ ...item, engine: entry.name }));
}

/**
 * One engine's list when `engine` is given (its failure is the answer); otherwise every
 * engine's, leaving out those that fail, unless all fail: then the default engine's error is
 * the answer, as it was with one engine.
 */
async function readEngines<T>(pool: EnginePool, engine: string | undefined, read: Read<T>, timeoutMs: number): Promise<Placed<T>[]> {
  if (engine !== undefined) return readOne(pool.entry(engine), read, timeoutMs);
  const entries = pool.entries();
  const answers = await Promise.allSettled(entries.map((entry) => readOne(entry, read, timeoutMs)));
  if (answers.every((a) => a.status === 'rejected')) {
    const first = answers[entries.findIndex((e) => e.name === pool.defaultName)] ?? answers[0];
    if (first?.status === 'rejected') throw first.reason;
  }
  return answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
}

/** Containers (running ones, or every one with scope 'all') of one engine or all, newest first. */
export async function listContainers(
  pool: EnginePool,
  engine?: string,
  timeoutMs = LIST_TIMEOUT_MS,
  scope: ContainerScope = 'running',
): Promise<ContainerSummary[]> {
  const listed = await readEngines(pool, engine, (entry, signal) => entry.catalog.containers(signal, scope), timeoutMs);
  return listed.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name) || a.engine.localeCompare(b.engine));
}

/** Debuggable local images of one engine or all, newest first. */
export async function listImages(pool: EnginePool, engine?: string, timeoutMs = LIST_TIMEOUT_MS): Promise<ImageSummary[]> {
  const listed = await readEngines(pool, engine, (entry, signal) => entry.catalog.debuggableImages(signal), timeoutMs);
  return listed.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.tags[0] ?? '').localeCompare(b.tags[0] ?? '') || a.engine.localeCompare(b.engine));
}

/** The last `tail` log lines of a container on one engine (the default one unless named). */
export async function containerLogs(pool: EnginePool, ref: string, tail: number, engine?: string, timeoutMs = LIST_TIMEOUT_MS): Promise<string[]> {
  const entry = pool.entry(engine);
  return withDeadline((signal) => entry.catalog.logs(ref, tail, signal), timeoutMs, tooSlow(entry.name, entry.host, timeoutMs));
}

/** the toolkits for sessions on one engine (the default one unless named): its local images count */
export async function toolkitsOn(pool: EnginePool, engine?: string, timeoutMs = LIST_TIMEOUT_MS): Promise<Toolkit[]> {
  const entry = pool.entry(engine);
  return listToolkits(await withDeadline((signal) => entry.catalog.images(signal), timeoutMs, tooSlow(entry.name, entry.host, timeoutMs)));
}
