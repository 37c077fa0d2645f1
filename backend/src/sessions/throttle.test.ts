import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ResizeThrottle, type Size } from './throttle.js';

describe('ResizeThrottle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('applies the first size at once and the latest of a burst once per interval', async () => {
    const calls: Size[] = [];
    const t = new ResizeThrottle(async (s) => void calls.push(s), 100);
    t.request({ cols: 80, rows: 24 });
    for (let i = 1; i <= 20; i++) t.request({ cols: 80 + i, rows: 24 });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([{ cols: 80, rows: 24 }]);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toEqual([
      { cols: 80, rows: 24 },
      { cols: 100, rows: 24 },
    ]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(2);
    expect(t.current).toEqual({ cols: 100, rows: 24 });
  });

  it('never runs two resizes at once', async () => {
    let running = 0;
    let most = 0;
    const t = new ResizeThrottle(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 250));
      running--;
    }, 10);
    t.request({ cols: 10, rows: 10 });
    await vi.advanceTimersByTimeAsync(50);
    t.request({ cols: 20, rows: 10 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(most).toBe(1);
    expect(t.current).toEqual({ cols: 20, rows: 10 });
  });

  it('skips a size that is already applied, survives a failed call, stops when disposed', async () => {
    const calls: Size[] = [];
    const errors: unknown[] = [];
    let fail = true;
    const t = new ResizeThrottle(
      async (s) => {
        calls.push(s);
        if (fail) throw new Error('409');
      },
      10,
      (e) => errors.push(e),
    );
    t.request({ cols: 50, rows: 20 });
    await vi.advanceTimersByTimeAsync(20);
    expect(errors).toHaveLength(1);
    fail = false;
    t.request({ cols: 50, rows: 20 });
    await vi.advanceTimersByTimeAsync(20);
    t.request({ cols: 50, rows: 20 });
    await vi.advanceTimersByTimeAsync(20);
    expect(calls).toHaveLength(2);
    t.dispose();
    t.request({ cols: 60, rows: 20 });
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toHaveLength(2);
  });
});
