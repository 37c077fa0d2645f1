// A stopped container's last log lines (why it died), read once and on request: a stopped
// container writes no more.

import { useCallback } from 'react';
import type { ContainerLogs } from '@cdebug/contract';
import { useApi } from '../api';
import { usePolled, type Remote } from './usePolled';

export function useContainerLogs(id: string, engine?: string): Remote<ContainerLogs> {
  const api = useApi();
  const load = useCallback(() => api.containerLogs(id, engine), [api, id, engine]);
  return usePolled(load, null);
}
