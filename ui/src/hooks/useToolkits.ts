// Toolkit images to offer: the service's presets and the toolkit images already on the engine
// the session will run on (the default one when none is named).

import { useCallback } from 'react';
import type { Toolkit } from '@cdebug/contract';
import { useApi } from '../api';
import { usePolled, type Remote } from './usePolled';

export function useToolkits(engine?: string): Remote<Toolkit[]> {
  const api = useApi();
  const load = useCallback(() => api.toolkits(engine), [api, engine]);
  return usePolled(load, null);
}
