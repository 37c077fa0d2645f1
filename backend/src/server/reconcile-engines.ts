// Reconciliation per engine, at start: each engine's sidecars of this service are re-adopted
// (or removed) on that engine, independently of the others. An engine that does not answer
// then is tried again until it does (its sidecars may still run: a remote engine that was only
// out of reach, or one restarted with live-restore), and never holds up the others.

import { CdebugError } from '../contract/index.js';
import type { EnginePool } from '../runtimes/pool.js';
import type { SessionManager } from '../sessions/manager.js';
import { reconcile } from '../sessions/reconcile.js';
import type { SessionLog } from '../sessions/session.js';

export const RECONCILE_RETRY_MS = 10_000;

export interface EngineReconciler {
  /** settles once every engine was tried once */
  readonly firstPass: Promise<void>;
  /** no more retries; settles when a reconciliation under way has finished */
  stop(): Promise<void>;
}

export function reconcileEngines(engines: EnginePool, sessions: SessionManager, log: SessionLog, retryMs = RECONCILE_RETRY_MS): EngineReconciler {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const attempt = (name: string): Promise<void> => {
    const work = (async () => {
      try {
        const { adopted, removed } = await reconcile(engines.sessionEngine(name), sessions, log, name);
        if (adopted.length + removed.length > 0) log.info({ engine: name, adopted, removed }, 'reconciled sidecars from an earlier run');
      } catch (err) {
        const unreachable = err instanceof CdebugError && err.code === 'engine_unreachable';
        // an engine that is down is expected: its reason, not a stack
        log.warn(
          unreachable ? { engine: name, reason: err.message } : { engine: name, err },
          `could not reconcile with the engine${unreachable ? '; trying again' : ''}`,
        );
        if (unreachable && !stopped) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (!stopped) void attempt(name);
          }, retryMs);
          timers.add(timer);
        }
      }
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  };

  const firstPass = Promise.all(engines.names().map(attempt)).then(() => undefined);
  return {
    firstPass,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(running);
    },
  };
}
