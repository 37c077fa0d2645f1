// One live store per API (so every hook of the page shares one socket): opened with its first
// subscriber, closed with its last, reopened after a loss with a growing delay (the new
// snapshot then replaces everything). No timer keeps state here: only the reconnect waits.

import type { CdebugApi } from '../api';
import type { EventsHandle } from '../api/events';
import { applyLive, EMPTY_LIVE, liveLost, type LiveState } from './live';

export const FIRST_RETRY_MS = 250;
export const MAX_RETRY_MS = 5000;

export interface LiveStore {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => LiveState;
  /** reconnects now (a user's "retry") */
  reconnect: () => void;
}

type Events = NonNullable<CdebugApi['events']>;

export function createLiveStore(events: Events): LiveStore {
  let state = EMPTY_LIVE;
  const listeners = new Set<() => void>();
  let socket: EventsHandle | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_RETRY_MS;

  const set = (next: LiveState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  function open(): void {
    retry = undefined;
    socket = events({
      onFrame: (frame) => {
        if (frame.type === 'snapshot') delay = FIRST_RETRY_MS;
        set(applyLive(state, frame));
      },
      onClose: (error) => {
        socket = null;
        set(liveLost(state, error ?? { code: 'engine_unreachable', message: 'The connection to the cdebug service was lost: reconnecting.' }));
        if (listeners.size === 0) return;
        retry = setTimeout(open, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      },
    });
  }

  function close(): void {
    clearTimeout(retry);
    retry = undefined;
    socket?.close();
    socket = null;
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!socket && retry === undefined) open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) close();
      };
    },
    getSnapshot: () => state,
    reconnect() {
      close();
      delay = FIRST_RETRY_MS;
      if (listeners.size > 0) open();
    },
  };
}

const stores = new WeakMap<CdebugApi, LiveStore>();

/** the page's one store for this API; null when the API has no event stream */
export function liveStoreOf(api: CdebugApi): LiveStore | null {
  if (!api.events) return null;
  let store = stores.get(api);
  if (!store) {
    store = createLiveStore(api.events);
    stores.set(api, store);
  }
  return store;
}
