// What the read-only routes ask of several engines at once: each engine's reachability, and
// the running containers of all of them (or of one), each marked with its engine. One engine
// that fails or hangs leaves the others' answers intact.

import type { ContainerDetails, ContainerSummary, EngineStatus, Toolkit } from '../contract/index.js';
import { toCdebugError } from './errors.js';
import { listToolkits } from './toolkits.js';
import { tooSlow, withDeadline } from './deadline.js';
import type { EngineEntry, EnginePool } from '../runtimes/pool.js';

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

type Placed = ContainerDetails & { engine: string };

async function containersOf(entry: EngineEntry, timeoutMs: number): Promise<Placed[]> {
  const listed = await withDeadline((signal) => entry.catalog.containers(signal), timeoutMs, tooSlow(entry.name, entry.host, timeoutMs));
  return listed.map((c) => ({ ...c, engine: entry.name }));
}

/**
 * One engine's containers when `engine` is given (its failure is the answer); otherwise every
 * engine's, newest first, leaving out those that fail, unless all fail: then the default
 * engine's error is the answer, as it was with one engine.
 */
export async function listContainers(pool: EnginePool, engine?: string, timeoutMs = LIST_TIMEOUT_MS): Promise<ContainerSummary[]> {
  if (engine !== undefined) return containersOf(pool.entry(engine), timeoutMs);
  const entries = pool.entries();
  const answers = await Promise.allSettled(entries.map((entry) => containersOf(entry, timeoutMs)));
  const listed = answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : []));
  if (answers.every((a) => a.status === 'rejected')) {
    const first = answers[entries.findIndex((e) => e.name === pool.defaultName)] ?? answers[0];
    if (first?.status === 'rejected') throw first.reason;
  }
  return listed.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name) || a.engine.localeCompare(b.engine));
}

/** the toolkits for sessions on one engine (the default one unless named): its local images count */
export async function toolkitsOn(pool: EnginePool, engine?: string, timeoutMs = LIST_TIMEOUT_MS): Promise<Toolkit[]> {
  const entry = pool.entry(engine);
  return listToolkits(await withDeadline((signal) => entry.catalog.images(signal), timeoutMs, tooSlow(entry.name, entry.host, timeoutMs)));
}
