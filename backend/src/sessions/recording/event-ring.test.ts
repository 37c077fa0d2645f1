import { describe, expect, it } from 'vitest';
import { EventRing } from './event-ring.js';

describe('EventRing', () => {
  it('keeps events in order through growth and wrap-around', () => {
    const ring = new EventRing();
    let next = 0;
    let oldest = 0;
    // push 3, drop 2, over and over: the head walks round the ring while it grows
    for (let round = 0; round < 200; round++) {
      for (let k = 0; k < 3; k++, next++) ring.push(next, next * 10, next % 5 === 0 ? 80 : 0, next % 5 === 0 ? 24 : 0);
      for (let k = 0; k < 2; k++, oldest++) ring.shift();
    }
    expect(ring.length).toBe(next - oldest);
    for (let i = 0; i < ring.length; i++) {
      const n = oldest + i;
      expect(ring.at(i)).toEqual({ ms: n, end: n * 10, cols: n % 5 === 0 ? 80 : 0, rows: n % 5 === 0 ? 24 : 0 });
    }
  });

  it('shrinks once mostly empty, keeping what is left', () => {
    const ring = new EventRing();
    for (let i = 0; i < 10_000; i++) ring.push(i, i);
    for (let i = 0; i < 9_990; i++) ring.shift();
    expect(ring.length).toBe(10);
    expect(ring.capacity).toBeLessThanOrEqual(64);
    expect(Array.from({ length: 10 }, (_, i) => ring.at(i).ms)).toEqual([9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999]);
  });

  it('refuses to read past its ends and ignores a shift when empty', () => {
    const ring = new EventRing();
    ring.shift();
    expect(ring.length).toBe(0);
    ring.push(1, 2);
    expect(() => ring.at(1)).toThrow(RangeError);
    expect(() => ring.at(-1)).toThrow(RangeError);
  });
});
