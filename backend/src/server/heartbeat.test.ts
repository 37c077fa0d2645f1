// The heartbeat: a socket that answers pings stays, one that stops answering is dropped at the
// next beat, and no timer runs while no socket is watched.
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { heartbeat } from './heartbeat.js';

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  pings = 0;
  terminated = false;
  /** answers pings as a live peer does */
  answering = true;

  ping(): void {
    this.pings++;
    if (this.answering) queueMicrotask(() => this.emit('pong'));
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
}

const asSocket = (s: FakeSocket) => s as unknown as WebSocket;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('heartbeat', () => {
  it('keeps a socket that answers and drops one that stopped answering', async () => {
    const pings = heartbeat(100);
    const live = new FakeSocket();
    const gone = new FakeSocket();
    pings.watch(asSocket(live));
    pings.watch(asSocket(gone));
    await vi.advanceTimersByTimeAsync(100);
    expect([live.pings, gone.pings]).toEqual([1, 1]);
    gone.answering = false;
    await vi.advanceTimersByTimeAsync(100);
    expect(gone.terminated).toBe(false); // it answered the first ping
    await vi.advanceTimersByTimeAsync(100);
    expect(gone.terminated).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(live.terminated).toBe(false);
    expect(live.pings).toBe(8);
    pings.stop();
  });

  it('runs no timer while nothing is watched', async () => {
    const pings = heartbeat(100);
    const socket = new FakeSocket();
    pings.watch(asSocket(socket));
    expect(vi.getTimerCount()).toBe(1);
    socket.emit('close');
    expect(vi.getTimerCount()).toBe(0);
    pings.watch(asSocket(new FakeSocket()));
    pings.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does nothing when disabled', () => {
    const pings = heartbeat(0);
    pings.watch(asSocket(new FakeSocket()));
    expect(vi.getTimerCount()).toBe(0);
  });
});
