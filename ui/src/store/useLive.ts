// The live state for components: the page's one store (liveStore.ts), or null when the API has
// no event stream (the hooks then load as before).

import { useSyncExternalStore } from 'react';
import { useApi } from '../api';
import { EMPTY_LIVE, type LiveState } from './live';
import { liveStoreOf } from './liveStore';

const nothing = () => () => undefined;

export function useLive(): { state: LiveState; reconnect: () => void } | null {
  const store = liveStoreOf(useApi());
  const state = useSyncExternalStore(store?.subscribe ?? nothing, store?.getSnapshot ?? (() => EMPTY_LIVE));
  return store ? { state, reconnect: store.reconnect } : null;
}
