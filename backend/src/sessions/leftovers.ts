// Sidecars that could not be removed when their session ended, because the engine did not
// answer (it was restarting, or down). An engine with live-restore keeps containers running
// across its restart, so such a sidecar would run on with no session; this retries removing
// it, more slowly each time, until the engine answers. Whatever is still left when the service
// stops is the next start's to remove (it carries the service's owner label).

import type { SessionLog } from './terminal.js';

/** removes one sidecar on one engine; gone already counts as removed */
export type RemoveSidecar = (engineName: string, sidecarId: string) => Promise<void>;

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
/** about an hour of tries at the longest interval */
const MAX_TRIES = 130;

interface Pending {
  engineName: string;
  sidecarId: string;
  tries: number;
  timer: NodeJS.Timeout;
}

export class Leftovers {
  private readonly pending = new Map<string, Pending>();
  private disposed = false;

  constructor(
    private readonly remove: RemoveSidecar,
    private readonly log: SessionLog,
    private readonly firstRetryMs = FIRST_RETRY_MS,
  ) {}

  get size(): number {
    return this.pending.size;
  }

  add(engineName: string, sidecarId: string): void {
    const key = `${engineName}\u0000${sidecarId}`;
    if (this.disposed || this.pending.has(key)) return;
    this.schedule(key, { engineName, sidecarId, tries: 0 });
  }

  private schedule(key: string, entry: Omit<Pending, 'timer'>): void {
    const wait = Math.min(this.firstRetryMs * 2 ** Math.min(entry.tries, 10), MAX_RETRY_MS);
    const timer = setTimeout(() => void this.retry(key), wait);
    // a retry never keeps the process alive on its own
    timer.unref();
    this.pending.set(key, { ...entry, timer });
  }

  private async retry(key: string): Promise<void> {
    const entry = this.pending.get(key);
    if (!entry || this.disposed) return;
    try {
      await this.remove(entry.engineName, entry.sidecarId);
      this.pending.delete(key);
      this.log.info({ engine: entry.engineName, sidecar: entry.sidecarId }, 'removed a sidecar left over while the engine did not answer');
    } catch (err) {
      if (this.disposed) return;
      const tries = entry.tries + 1;
      if (tries >= MAX_TRIES) {
        this.pending.delete(key);
        this.log.warn({ err, engine: entry.engineName, sidecar: entry.sidecarId }, 'giving up removing a sidecar: the next start of the service removes it');
        return;
      }
      this.schedule(key, { engineName: entry.engineName, sidecarId: entry.sidecarId, tries });
    }
  }

  /** stops retrying (service shutdown) */
  dispose(): void {
    this.disposed = true;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }
}
