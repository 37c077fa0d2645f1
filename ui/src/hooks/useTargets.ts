// The containers that can be debugged (running ones, or all with scope 'all'), and whether the
// engine answers at all: from the live store (pushed by the service, no timer) when the API has
// an event stream; otherwise kept current by polling (the health report says so even before the
// first list arrives).

import { useCallback } from 'react';
import type { ContainerSummary, ErrorInfo } from '@cdebug/contract';
import { useApi } from '../api';
import type { ContainerScope } from './containerScope';
import { usePolled } from './usePolled';
import { useLive } from '../store/useLive';

export const CONTAINER_POLL_MS = 2000;

export interface Targets {
  containers: ContainerSummary[] | null;
  error: ErrorInfo | null;
  loading: boolean;
  refresh: () => void;
}

export function useTargets(intervalMs: number = CONTAINER_POLL_MS, scope: ContainerScope = 'running'): Targets {
  const api = useApi();
  const live = useLive();
  const load = useCallback(() => api.containers(scope === 'all' ? { all: true } : undefined), [api, scope]);
  const containers = usePolled(load, intervalMs, live === null);
  const health = usePolled(api.health, null, live === null);

  const engineDown: ErrorInfo | null =
    containers.data === null && health.data !== null && !health.data.ok
      ? (health.data.error ?? { code: 'engine_unreachable', message: 'The container engine does not answer.' })
      : null;

  const { refresh: refreshContainers } = containers;
  const { refresh: refreshHealth } = health;
  const refresh = useCallback(() => {
    refreshHealth();
    refreshContainers();
  }, [refreshContainers, refreshHealth]);

  if (live) {
    const { state } = live;
    // the catalog holds every state
    const shown = scope === 'all' ? state.containers : state.containers.filter((c) => c.state === 'running');
    const defaultEngine = state.engines.find((e) => e.default);
    const down = defaultEngine && !defaultEngine.reachable && state.engines.every((e) => !e.reachable) ? (defaultEngine.error ?? null) : null;
    return {
      containers: state.ready ? shown : null,
      error: state.ready ? down : state.error,
      loading: !state.ready && state.error === null,
      refresh: live.reconnect,
    };
  }

  return {
    // in the service's order: newest first, so a container just started is at the top
    containers: containers.error ? null : containers.data,
    error: containers.error ?? engineDown,
    loading: containers.loading,
    refresh,
  };
}
