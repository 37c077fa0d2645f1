import { afterEach, describe, expect, it, vi } from 'vitest';
import { CdebugError } from '../contract/index.js';
import { withDeadline } from './deadline.js';

const late = () => new CdebugError('engine_unreachable', 'too slow');

afterEach(() => {
  vi.useRealTimers();
});

describe('withDeadline', () => {
  it('answers what the work answers in time, and leaves its signal alone', async () => {
    let seen: AbortSignal | undefined;
    await expect(withDeadline(async (signal) => ((seen = signal), 42), 1000, late)).resolves.toBe(42);
    expect(seen?.aborted).toBe(false);
  });

  it('fails with the late error at the deadline and aborts the work with it', async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    const answer = withDeadline((signal) => ((seen = signal), new Promise<number>(() => undefined)), 500, late);
    const settled = expect(answer).rejects.toThrow('too slow');
    await vi.advanceTimersByTimeAsync(500);
    await settled;
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toMatchObject({ code: 'engine_unreachable' });
  });

  it('lets a work that gives up when aborted fail quietly (no unhandled rejection)', async () => {
    vi.useFakeTimers();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const answer = withDeadline(
        (signal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
        100,
        late,
      );
      const settled = expect(answer).rejects.toThrow('too slow');
      await vi.advanceTimersByTimeAsync(100);
      await settled;
      await vi.advanceTimersByTimeAsync(0);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('lets every request of a read listen to the one signal without a leak warning', async () => {
    const warnings = vi.fn();
    process.on('warning', warnings);
    try {
      await withDeadline(
        async (signal) => {
          for (let i = 0; i < 50; i++) signal.addEventListener('abort', () => undefined);
        },
        1000,
        late,
      );
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toHaveBeenCalled();
    } finally {
      process.off('warning', warnings);
    }
  });

  it('answers a work that throws at once with its error, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const answer = withDeadline(
      () => {
        throw new Error('at once');
      },
      100,
      late,
    );
    await expect(answer).rejects.toThrow('at once');
    expect(vi.getTimerCount()).toBe(0);
  });
});
