// At start, the service takes up what an earlier instance of itself (same owner label) left on
// the engine: running sidecars become sessions again, with their screen refilled from their
// output so far; the others are removed. Sidecars of the CLI or of other services are never
// listed, so never touched. With several engines, each is reconciled on its own: a sidecar
// belongs to the engine it runs on, and its session is adopted on that engine.

import type { SessionEngine } from '../runtimes/port.js';
import type { SessionManager } from './manager.js';
import type { SessionLog } from './session.js';

export interface Reconciled {
  adopted: string[];
  removed: string[];
}

export async function reconcile(engine: SessionEngine, manager: SessionManager, log: SessionLog, engineName?: string): Promise<Reconciled> {
  const result: Reconciled = { adopted: [], removed: [] };
  for (const owned of await engine.listOwned()) {
    if (manager.has(owned.sessionId)) continue;
    if (owned.running) {
      try {
        // attach first, then read what was printed so far: nothing is lost in between (what
        // is printed in that instant may show twice)
        const handle = await engine.adopt(owned.id);
        const history = await engine.history(owned.id).catch(() => new Uint8Array());
        manager.adopt(owned, handle, history, engineName);
        result.adopted.push(owned.sessionId);
        continue;
      } catch (err) {
        log.warn({ err, sidecar: owned.id, engine: engineName }, 'could not re-adopt a sidecar: removing it');
      }
    }
    try {
      await engine.remove(owned.id);
      result.removed.push(owned.sessionId);
    } catch (err) {
      log.warn({ err, sidecar: owned.id, engine: engineName }, 'could not remove a stale sidecar');
    }
  }
  return result;
}
