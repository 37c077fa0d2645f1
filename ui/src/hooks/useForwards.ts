// The service's port-forwards, polled (their byte counts move), with start and stop. Without a
// forwards API (a fake) the list is empty and starting one says so.

import { useCallback } from 'react';
import type { ContainerPorts, CreateForwardRequest, ErrorInfo, Forward, Result } from '@cdebug/contract';
import { useApi } from '../api';
import { useNotify } from './useNotify';
import { usePolled } from './usePolled';

export const FORWARDS_POLL_MS = 2000;

export interface Forwards {
  /** the service can forward ports (a fake API may not) */
  supported: boolean;
  list: Forward[];
  error: ErrorInfo | null;
  start: (request: CreateForwardRequest) => Promise<Result<Forward>>;
  stop: (id: string) => Promise<Result<void>>;
  ports: (containerId: string, engine?: string) => Promise<Result<ContainerPorts>>;
  open: (forward: Forward) => void;
}

const UNSUPPORTED = { ok: false as const, error: { code: 'internal' as const, message: 'This cdebug service cannot forward ports.' } };

export function useForwards(): Forwards {
  const api = useApi();
  const forwards = api.forwards;
  const load = useCallback(async (): Promise<Result<Forward[]>> => (forwards ? forwards.list() : { ok: true, value: [] }), [forwards]);
  const remote = usePolled(load, FORWARDS_POLL_MS);
  const { refresh } = remote;
  const notify = useNotify();

  const start = useCallback(
    async (request: CreateForwardRequest) => {
      if (!forwards) return UNSUPPORTED;
      const answer = await forwards.create(request);
      refresh();
      return answer;
    },
    [forwards, refresh],
  );
  const stop = useCallback(
    async (id: string) => {
      if (!forwards) return UNSUPPORTED;
      const answer = await forwards.stop(id);
      // the Stop button has nowhere else to say it: a forward still listed with no word would look stopped-but-stuck
      if (!answer.ok) notify('error', `The port-forward could not be stopped: ${answer.error.message}`);
      refresh();
      return answer;
    },
    [forwards, refresh, notify],
  );
  const ports = useCallback(async (containerId: string, engine?: string) => (forwards ? forwards.ports(containerId, engine) : UNSUPPORTED), [forwards]);
  // the service knows where the user's browser reaches a forward (Docker Desktop: not the forward's own listener)
  const open = useCallback((forward: Forward) => api.openExternal(forward.url), [api]);
  return { supported: forwards !== undefined, list: remote.data ?? [], error: remote.error, start, stop, ports, open };
}
