import { describe, expect, it } from 'vitest';
import { FailureTracker } from './failures.js';

describe('FailureTracker', () => {
  it('waits longer after each failure and limits past the threshold, per address and window', () => {
    let now = 0;
    const t = new FailureTracker({ windowMs: 1000, limit: 2, stepMs: 100, maxDelayMs: 250 }, () => now);
    expect(t.fail('a')).toEqual({ delayMs: 100, limited: false, retryAfterS: 0 });
    expect(t.fail('a')).toEqual({ delayMs: 200, limited: false, retryAfterS: 0 });
    expect(t.fail('a')).toEqual({ delayMs: 250, limited: true, retryAfterS: 1 });
    expect(t.fail('b')).toEqual({ delayMs: 100, limited: false, retryAfterS: 0 });
    now = 1500;
    expect(t.count('a')).toBe(0);
    expect(t.fail('a').limited).toBe(false);
  });

  it('says in Retry-After when a wrong token would get 401 again', () => {
    let now = 0;
    const t = new FailureTracker({ windowMs: 60_000, limit: 3, stepMs: 0, maxDelayMs: 0 }, () => now);
    for (const at of [0, 10_000, 20_000]) {
      now = at;
      expect(t.fail('a').limited).toBe(false);
    }
    now = 30_000;
    // over the limit until the failure at 10 s leaves the window (at 70 s): 40 s from now
    expect(t.fail('a')).toMatchObject({ limited: true, retryAfterS: 40 });
    now = 70_001;
    expect(t.fail('a').limited).toBe(false);
  });

  it('keeps at most limit + 1 failures per address, however many come', () => {
    const t = new FailureTracker({ windowMs: 60_000, limit: 5, stepMs: 1, maxDelayMs: 1000 }, () => 0);
    for (let i = 0; i < 10_000; i++) t.fail('a');
    expect(t.count('a')).toBe(6);
    expect(t.fail('a')).toMatchObject({ limited: true, delayMs: 6 });
  });

  it('remembers a bounded number of addresses, forgetting the stalest first', () => {
    let now = 0;
    const t = new FailureTracker({ windowMs: 60_000, limit: 1, stepMs: 0, maxDelayMs: 0 }, () => now, 100);
    t.fail('guesser');
    t.fail('guesser');
    for (let i = 0; i < 98; i++) t.fail(`10.0.0.${i}`);
    now = 1;
    // the guesser failed again: it is the freshest now, and survives a flood of new addresses
    expect(t.fail('guesser').limited).toBe(true);
    for (let i = 0; i < 99; i++) t.fail(`10.1.0.${i}`);
    expect(t.size).toBe(100);
    expect(t.count('guesser')).toBe(2);
    t.fail('one-more');
    expect(t.size).toBe(100);
    expect(t.count('guesser')).toBe(0);
  });
});
