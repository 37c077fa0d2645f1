import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import type { LiveEvent } from '@cdebug/contract';
import type { EventHandlers } from './api/events';
import { App } from './App';
import { container, engineStatus, fakeApi, session } from './test/fakeApi';
import { renderWithApi } from './test/render';

/** a fake API with the events socket: the test plays the service's side */
function liveApi() {
  const sockets: EventHandlers[] = [];
  const events = vi.fn((handlers: EventHandlers) => {
    sockets.push(handlers);
    return { close: vi.fn() };
  });
  const api = fakeApi({ events });
  const push = (frame: LiveEvent) => {
    act(() => sockets.at(-1)?.onFrame(frame));
  };
  return { api, events, sockets, push };
}

const placed = (patch: Parameters<typeof container>[0]) => ({ ...container(patch), engine: 'default' });
const snapshot = (containers = [placed({ id: 'w', name: 'web' })], sessions = [session({ id: 's1', state: 'running' })]): LiveEvent => ({
  type: 'snapshot',
  engines: [engineStatus({ name: 'default', default: true })],
  containers,
  sessions,
});

describe('App with the live store', () => {
  it('lists what the service pushes, one socket for the page, and never polls', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api, events, push } = liveApi();
    renderWithApi(<App />, api);
    await waitFor(() => expect(events).toHaveBeenCalledTimes(1));
    push(snapshot());
    expect(await screen.findByRole('row', { name: /web/ })).toBeInTheDocument();
    push({ type: 'container_upserted', container: placed({ id: 'c', name: 'cache', createdAt: '2030-01-01T00:00:00Z' }) });
    expect(await screen.findByRole('row', { name: /cache/ })).toBeInTheDocument();
    // stopped: the catalog keeps it, the running list drops it
    push({ type: 'container_upserted', container: placed({ id: 'w', name: 'web', state: 'exited' }) });
    await waitFor(() => expect(screen.queryByRole('row', { name: /web/ })).not.toBeInTheDocument());
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(api.containers).not.toHaveBeenCalled();
    expect(api.engines).not.toHaveBeenCalled();
    expect(api.health).not.toHaveBeenCalled();
    expect(events).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });

  it('reconnects after a lost socket and takes the new snapshot', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api, events, sockets, push } = liveApi();
    renderWithApi(<App />, api);
    await waitFor(() => expect(events).toHaveBeenCalledTimes(1));
    push(snapshot());
    expect(await screen.findByRole('row', { name: /web/ })).toBeInTheDocument();
    act(() => sockets[0]?.onClose(null));
    await act(() => vi.advanceTimersByTimeAsync(300));
    expect(events).toHaveBeenCalledTimes(2);
    push(snapshot([placed({ id: 'o', name: 'other' })]));
    expect(await screen.findByRole('row', { name: /other/ })).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /web/ })).not.toBeInTheDocument();
    vi.useRealTimers();
  });
});
