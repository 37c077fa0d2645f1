// Sidecars the engine could not remove while it was down: retried, more slowly each time, until
// the engine answers; nothing retried after the service stops.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CdebugError } from '../contract/index.js';
import { Leftovers } from './leftovers.js';
import { silentLog } from './terminal.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function engine() {
  const calls: string[] = [];
  let down = true;
  const remove = async (engineName: string, id: string) => {
    calls.push(`${engineName}/${id}`);
    if (down) throw new CdebugError('engine_unreachable', 'down');
  };
  return { calls, remove, up: () => (down = false) };
}

describe('Leftovers', () => {
  it('retries with a growing wait until the engine answers, then forgets the sidecar', async () => {
    const e = engine();
    const leftovers = new Leftovers(e.remove, silentLog, 100);
    leftovers.add('default', 'abc');
    leftovers.add('default', 'abc'); // once is enough
    await vi.advanceTimersByTimeAsync(100);
    expect(e.calls).toEqual(['default/abc']);
    await vi.advanceTimersByTimeAsync(150);
    expect(e.calls).toHaveLength(1); // the second wait is longer than the first
    await vi.advanceTimersByTimeAsync(50);
    expect(e.calls).toHaveLength(2);
    e.up();
    await vi.advanceTimersByTimeAsync(400);
    expect(e.calls).toHaveLength(3);
    expect(leftovers.size).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(e.calls).toHaveLength(3);
  });

  it('stops retrying once disposed', async () => {
    const e = engine();
    const leftovers = new Leftovers(e.remove, silentLog, 100);
    leftovers.add('a', 'x');
    leftovers.add('b', 'x');
    expect(leftovers.size).toBe(2);
    leftovers.dispose();
    leftovers.add('a', 'y');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(e.calls).toEqual([]);
    expect(leftovers.size).toBe(0);
  });
});
