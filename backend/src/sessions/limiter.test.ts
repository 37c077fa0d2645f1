import { describe, expect, it } from 'vitest';
import { Limiter } from './limiter.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('Limiter', () => {
  it('refuses a limit below 1', () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
    expect(() => new Limiter(1.5)).toThrow(RangeError);
  });

  it('holds at most `limit` at once and lets the others in, in order, as places free up', async () => {
    const limiter = new Limiter(2);
    const order: number[] = [];
    const releases: Array<() => void> = [];
    for (let i = 0; i < 5; i++)
      void limiter.acquire().then((release) => {
        order.push(i);
        releases.push(release);
      });
    await tick();
    expect(order).toEqual([0, 1]);
    expect(limiter.queued).toBe(3);
    releases[0]?.();
    await tick();
    expect(order).toEqual([0, 1, 2]);
    expect(limiter.running).toBe(2);
  });

  it('frees a place once however often its release is called', async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.running).toBe(0);
    const again = await limiter.acquire();
    const third = limiter.acquire();
    await tick();
    expect(limiter.queued).toBe(1);
    again();
    await third;
    expect(limiter.running).toBe(1);
  });

  it('loses none of 1000 at once, and never runs more than its limit', async () => {
    const limiter = new Limiter(16);
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        limiter.run(async () => {
          peak = Math.max(peak, limiter.running);
          await tick();
          return i;
        }),
      ),
    );
    expect(done).toHaveLength(1000);
    expect(new Set(done).size).toBe(1000);
    expect(peak).toBe(16);
    expect(limiter.running).toBe(0);
  });

  it('frees the place when the work fails', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(limiter.running).toBe(0);
  });
});
