import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from './api/connect.js';
import { type EngineEvent, eventReader, followContainerEvents, parseEvent } from './event-stream.js';

describe('reading the event stream', () => {
  it('splits lines across chunks and skips what is not an event', () => {
    const seen: EngineEvent[] = [];
    const read = eventReader((e) => seen.push(e));
    read('{"Action":"start","Actor":{"ID":"a","Attributes":{"io.x":"1"}}}\n{"Act');
    read('ion":"die","Actor":{"ID":"b"}}\nnot json\n\n{"status":"destroy","id":"c"}\n');
    expect(seen).toEqual([
      { id: 'a', action: 'start', labels: { 'io.x': '1' } },
      { id: 'b', action: 'die', labels: {} },
      { id: 'c', action: 'destroy', labels: {} },
    ]);
    expect(parseEvent('{"Action":1}')).toBeNull();
  });
});

describe('following the stream', () => {
  afterEach(() => vi.useRealTimers());

  it('re-opens a stream that was cut, telling of the loss and of each open', async () => {
    vi.useFakeTimers();
    const streams: PassThrough[] = [];
    const getEvents = vi.fn(() => {
      const s = new PassThrough();
      streams.push(s);
      return Promise.resolve(s);
    });
    const engine = { getEvents } as unknown as Engine;
    const calls: string[] = [];
    const stop = followContainerEvents(
      engine,
      null,
      {
        onOpen: () => calls.push('open'),
        onLost: () => calls.push('lost'),
        onEvent: (e) => calls.push(`${e.action} ${e.id}`),
      },
      1000,
    );
    await vi.advanceTimersByTimeAsync(0);
    streams[0]?.write('{"Action":"start","Actor":{"ID":"a"}}\n');
    streams[0]?.destroy();
    await vi.advanceTimersByTimeAsync(999);
    expect(getEvents).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['open', 'start a', 'lost', 'open']);
    stop();
    expect(streams[1]?.destroyed).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(getEvents).toHaveBeenCalledTimes(2);
  });

  it('retries an engine that does not answer, and stops retrying when stopped', async () => {
    vi.useFakeTimers();
    const getEvents = vi.fn(() => Promise.reject(new Error('ECONNREFUSED')));
    const engine = { getEvents } as unknown as Engine;
    const lost = vi.fn();
    const stop = followContainerEvents(engine, ['die'], { onEvent: () => undefined, onLost: lost }, 1000);
    await vi.advanceTimersByTimeAsync(2500);
    expect(getEvents).toHaveBeenCalledTimes(3);
    expect(getEvents).toHaveBeenCalledWith({ filters: { type: ['container'], event: ['die'] } });
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(getEvents).toHaveBeenCalledTimes(3);
    expect(lost).toHaveBeenCalledTimes(3);
  });
});
