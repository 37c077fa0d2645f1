import { describe, expect, it } from 'vitest';
import { EVENT_OVERHEAD } from './recording.js';
import { RecordingStore } from './store.js';

const header = { width: 80, height: 24, timestamp: 0, title: 't' };
const chunk = (n: number) => new Uint8Array(n).fill(0x41);

describe('RecordingStore', () => {
  it('trims the oldest recordings first when the total passes its cap', () => {
    const store = new RecordingStore({ perSession: 10_000, total: 15_000 });
    const old = store.open(header);
    const young = store.open(header);
    for (let i = 0; i < 9; i++) old.output(chunk(1000 - EVENT_OVERHEAD));
    for (let i = 0; i < 9; i++) young.output(chunk(1000 - EVENT_OVERHEAD));
    expect(store.bytes).toBeLessThanOrEqual(15_000);
    expect(store.bytes).toBe(old.bytes + young.bytes);
    expect(young.bytes).toBe(9000);
    expect(old.dropped).toBeGreaterThan(0);
    expect(young.dropped).toBe(0);
  });

  it('holds the total under a flood into many sessions', () => {
    const store = new RecordingStore({ perSession: 1 << 20, total: 3 << 20 });
    const recordings = Array.from({ length: 10 }, () => store.open(header));
    for (let i = 0; i < 2000; i++) (recordings[i % 10] as ReturnType<typeof store.open>).output(Buffer.alloc(16 * 1024, 0x42));
    expect(store.bytes).toBeLessThanOrEqual(3 << 20);
    expect(store.bytes).toBe(recordings.reduce((n, r) => n + r.bytes, 0));
  });

  it('frees a forgotten recording', () => {
    const store = new RecordingStore({ perSession: 10_000, total: 20_000 });
    const r = store.open(header);
    r.output(chunk(500));
    store.forget(r);
    expect(store.bytes).toBe(0);
    expect(store.count).toBe(0);
    expect(r.bytes).toBe(0);
  });

  it('refuses a cap that is not a positive number', () => {
    expect(() => new RecordingStore({ perSession: 0 })).toThrow(RangeError);
  });
});
