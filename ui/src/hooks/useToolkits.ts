// Toolkit images to offer: the service's presets and the toolkit images already on the engine.

import type { Toolkit } from '@cdebug/contract';
import { useApi } from '../api';
import { usePolled, type Remote } from './usePolled';

export function useToolkits(): Remote<Toolkit[]> {
  const api = useApi();
  return usePolled(api.toolkits, null);
}
