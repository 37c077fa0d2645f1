// The engines the service drives: pushed by the service (the live store) when the API has an
// event stream; otherwise kept current by polling, so that an engine that stops (or comes back)
// shows within a poll. A service older than engines has no such route: it drives
// one engine, and the page then shows no engine at all.

import type { EngineStatus } from '@cdebug/contract';
import { useApi } from '../api';
import { usePolled } from './usePolled';
import { useLive } from '../store/useLive';

export const ENGINE_POLL_MS = 3000;

export interface Engines {
  /** in the service's order; empty until known, or with a service older than engines */
  list: EngineStatus[];
  /** more than one: the page names the engine of every container and session */
  several: boolean;
  byName: (name: string | undefined) => EngineStatus | null;
}

export function useEngines(intervalMs: number = ENGINE_POLL_MS): Engines {
  const api = useApi();
  const live = useLive();
  const engines = usePolled(api.engines, intervalMs, live === null);
  const list = live ? live.state.engines : (engines.data ?? []);
  return {
    list,
    several: list.length > 1,
    byName: (name) => list.find((e) => (name === undefined ? e.default : e.name === name)) ?? null,
  };
}
