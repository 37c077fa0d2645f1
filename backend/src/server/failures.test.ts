import { describe, expect, it } from 'vitest';
import { FailureTracker } from './failures.js';

describe('FailureTracker', () => {
  it('waits longer after each failure and limits past the threshold, per address and window', () => {
    let now = 0;
    const t = new FailureTracker({ windowMs: 1000, limit: 2, stepMs: 100, maxDelayMs: 250 }, () => now);
    expect(t.fail('a')).toEqual({ delayMs: 100, limited: false });
    expect(t.fail('a')).toEqual({ delayMs: 200, limited: false });
    expect(t.fail('a')).toEqual({ delayMs: 250, limited: true });
    expect(t.fail('b')).toEqual({ delayMs: 100, limited: false });
    now = 1500;
    expect(t.count('a')).toBe(0);
    expect(t.fail('a').limited).toBe(false);
  });
});
