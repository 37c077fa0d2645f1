import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventHandlers } from '../api/events';
import { engineStatus } from '../test/fakeApi';
import { createLiveStore, FIRST_RETRY_MS } from './liveStore';

function fakeEvents() {
  const opened: { handlers: EventHandlers; closed: boolean }[] = [];
  const events = vi.fn((handlers: EventHandlers) => {
    const record = { handlers, closed: false };
    opened.push(record);
    return {
      close: () => {
        record.closed = true;
      },
    };
  });
  return { events, opened };
}

const snapshotFrame = { type: 'snapshot' as const, engines: [engineStatus({ name: 'default', default: true })], containers: [], sessions: [] };

describe('the live store', () => {
  afterEach(() => vi.useRealTimers());

  it('opens one socket for all its subscribers and closes it with the last', () => {
    const { events, opened } = fakeEvents();
    const store = createLiveStore(events);
    const a = store.subscribe(() => undefined);
    const b = store.subscribe(() => undefined);
    expect(events).toHaveBeenCalledTimes(1);
    a();
    expect(opened[0]?.closed).toBe(false);
    b();
    expect(opened[0]?.closed).toBe(true);
  });

  it('reconnects after a loss with a growing delay, and the new snapshot replaces the state', () => {
    vi.useFakeTimers();
    const { events, opened } = fakeEvents();
    const store = createLiveStore(events);
    const heard = vi.fn();
    store.subscribe(heard);
    opened[0]?.handlers.onFrame(snapshotFrame);
    expect(store.getSnapshot().ready).toBe(true);
    opened[0]?.handlers.onClose(null);
    expect(store.getSnapshot().error).not.toBeNull();
    vi.advanceTimersByTime(FIRST_RETRY_MS);
    expect(events).toHaveBeenCalledTimes(2);
    opened[1]?.handlers.onClose(null);
    vi.advanceTimersByTime(FIRST_RETRY_MS);
    expect(events).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(FIRST_RETRY_MS);
    expect(events).toHaveBeenCalledTimes(3);
    opened[2]?.handlers.onFrame(snapshotFrame);
    expect(store.getSnapshot()).toMatchObject({ ready: true, error: null });
    expect(heard).toHaveBeenCalled();
  });

  it('stops reconnecting when nobody listens', () => {
    vi.useFakeTimers();
    const { events, opened } = fakeEvents();
    const store = createLiveStore(events);
    const stop = store.subscribe(() => undefined);
    opened[0]?.handlers.onClose(null);
    stop();
    vi.advanceTimersByTime(60_000);
    expect(events).toHaveBeenCalledTimes(1);
  });
});
