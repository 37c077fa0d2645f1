// The local images that can be debugged, polled while the Images tab is shown (an image pulled
// or built meanwhile appears; nothing is asked while the tab is hidden).

import { useCallback } from 'react';
import type { ImageSummary } from '@cdebug/contract';
import { useApi } from '../api';
import { usePolled, type Remote } from './usePolled';

export const IMAGE_POLL_MS = 5000;

export function useImages(intervalMs: number = IMAGE_POLL_MS): Remote<ImageSummary[]> {
  const api = useApi();
  const load = useCallback(() => api.images(), [api]);
  return usePolled(load, intervalMs);
}
