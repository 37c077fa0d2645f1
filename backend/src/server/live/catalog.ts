// The live catalog's I/O: follows each engine's event stream once for the whole service (not
// per client), takes one full list whenever the stream (re)opens (at start, after the engine
// restarted or the stream was cut: events may have been missed), one inspect per container
// event, and never polls. Its steps go through one queue per engine, so an inspect never
// overtakes an earlier event's. The state itself is catalog-state.ts's.

import type { ContainerSummary, EngineStatus, LiveEvent } from '../../contract/index.js';
import type { EngineEntry, EnginePool } from '../../runtimes/pool.js';
import type { LiveCatalogEngine } from '../../runtimes/port.js';
import { tooSlow, withDeadline } from '../deadline.js';
import { LIST_TIMEOUT_MS } from '../engine-reads.js';
import { toCdebugError } from '../errors.js';
import { type CatalogInput, type CatalogState, containersOf, initialCatalog, reduceCatalog } from './catalog-state.js';

/** how long after a failed list the catalog lists again (the stream being open) */
export const RELIST_MS = 1000;

export interface CatalogLog {
  warn(details: object, message: string): void;
}

export class LiveCatalog {
  private state: CatalogState;
  private readonly listeners = new Set<(frame: LiveEvent) => void>();
  private readonly stops: (() => void)[] = [];
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly firstPasses: Promise<void>[] = [];
  private stopped = false;

  constructor(
    private readonly pool: EnginePool,
    private readonly log: CatalogLog,
  ) {
    this.state = initialCatalog(pool.entries().map((e) => ({ name: e.name, host: e.host, default: e.name === pool.defaultName })));
  }

  /** follows every engine that has a live side; resolves once each has been listed or found down */
  start(): Promise<void> {
    for (const entry of this.pool.entries()) {
      const live = entry.catalog.live;
      if (!live) continue;
      let firstDone!: () => void;
      this.firstPasses.push(new Promise((resolve) => (firstDone = resolve)));
      this.stops.push(
        live.watchContainers({
          onOpen: () => this.enqueue(entry.name, () => this.resync(entry, live).finally(firstDone)),
          onChange: (id, destroyed) => this.enqueue(entry.name, () => this.changed(entry, live, id, destroyed)),
          onLost: (error) =>
            this.enqueue(entry.name, () => {
              this.apply({ kind: 'down', engine: entry.name, error: error.toInfo() });
              firstDone();
              return Promise.resolve();
            }),
        }),
      );
    }
    return this.ready();
  }

  ready(): Promise<void> {
    return Promise.all(this.firstPasses).then(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops.splice(0)) stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
    await Promise.all(this.queues.values());
  }

  /** hears every delta; returns the unsubscribe */
  subscribe(listener: (frame: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  engines(): EngineStatus[] {
    const followed = new Set(
      this.pool
        .entries()
        .filter((e) => e.catalog.live)
        .map((e) => e.name),
    );
    return [...this.state.entries()].filter(([name]) => followed.has(name)).map(([, view]) => view.status);
  }

  containers(): ContainerSummary[] {
    return containersOf(this.state);
  }

  /** the containers of one engine (or all) when events keep them exact; null otherwise (ask the engine) */
  current(engine?: string): ContainerSummary[] | null {
    const names = engine === undefined ? this.pool.names() : [engine];
    const exact = names.every((name) => this.state.get(name)?.current === true);
    return exact ? containersOf(this.state, engine) : null;
  }

  private enqueue(engine: string, work: () => Promise<void>): void {
    if (this.stopped) return;
    const previous = this.queues.get(engine) ?? Promise.resolve();
    const next = previous.then(work).catch((err: unknown) => this.log.warn({ err, engine }, 'the live catalog could not apply an event'));
    this.queues.set(engine, next);
  }

  private apply(input: CatalogInput): void {
    if (this.stopped) return;
    const { state, frames } = reduceCatalog(this.state, input);
    this.state = state;
    for (const frame of frames) for (const listener of this.listeners) listener(frame);
  }

  private async resync(entry: EngineEntry, live: LiveCatalogEngine): Promise<void> {
    const slow = tooSlow(entry.name, entry.host, LIST_TIMEOUT_MS);
    try {
      const [info, containers] = await Promise.all([
        withDeadline((signal) => entry.catalog.describe(signal), LIST_TIMEOUT_MS, slow),
        withDeadline((signal) => live.listAll(signal), LIST_TIMEOUT_MS, slow),
      ]);
      this.apply({ kind: 'listed', engine: entry.name, info, containers });
    } catch (err) {
      this.apply({ kind: 'down', engine: entry.name, error: toCdebugError(err).toInfo() });
      this.later(() => this.enqueue(entry.name, () => this.resync(entry, live)));
    }
  }

  private async changed(entry: EngineEntry, live: LiveCatalogEngine, id: string, destroyed: boolean): Promise<void> {
    if (destroyed) return this.apply({ kind: 'removed', engine: entry.name, id });
    try {
      const container = await withDeadline((signal) => live.inspect(id, signal), LIST_TIMEOUT_MS, tooSlow(entry.name, entry.host, LIST_TIMEOUT_MS));
      this.apply(container ? { kind: 'upserted', engine: entry.name, container } : { kind: 'removed', engine: entry.name, id });
    } catch (err) {
      // the event's effect is unknown: list everything again
      this.log.warn({ err, engine: entry.name, container: id }, 'inspecting a changed container failed: listing again');
      this.apply({ kind: 'stale', engine: entry.name });
      await this.resync(entry, live);
    }
  }

  private later(work: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, RELIST_MS);
    this.timers.add(timer);
  }
}
