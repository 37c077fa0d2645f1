import { afterEach, describe, expect, it, vi } from 'vitest';
import { FLOW_ACK_EVERY } from '@cdebug/contract';
import { AckCounter, debounce } from './flow';

describe('AckCounter', () => {
  it('acknowledges the running total about every FLOW_ACK_EVERY bytes parsed', () => {
    const acks = new AckCounter();
    expect(acks.parsed(FLOW_ACK_EVERY - 1)).toBeNull();
    expect(acks.parsed(1)).toBe(FLOW_ACK_EVERY);
    expect(acks.parsed(10)).toBeNull();
    expect(acks.parsed(FLOW_ACK_EVERY)).toBe(2 * FLOW_ACK_EVERY + 10);
  });
});

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls once with the last arguments after calls stop', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 100);
    d.call(1);
    d.call(2);
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith(2);
    d.call(3);
    d.cancel();
    vi.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
