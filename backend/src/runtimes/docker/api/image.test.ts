import { describe, expect, it } from 'vitest';
import type { PullProgress } from '../../../contract/index.js';
import { foldPullEvent } from './image.js';

const start: PullProgress = { current: 0, total: 0, status: 'Pulling', layers: {} };

const fold = (events: Array<Parameters<typeof foldPullEvent>[1]>, from: PullProgress = start) => events.reduce(foldPullEvent, from);

describe('foldPullEvent', () => {
  it('keeps the status line and totals when an event carries no layer', () => {
    expect(fold([{ status: 'Pulling from library/busybox', id: 'latest' }])).toEqual({
      current: 0,
      total: 0,
      status: 'Pulling from library/busybox',
      layers: {},
    });
  });

  it('sums the layers whose size is known', () => {
    const p = fold([
      { id: 'a', status: 'Downloading', progressDetail: { current: 10, total: 100 } },
      { id: 'b', status: 'Downloading', progressDetail: { current: 5, total: 50 } },
      { id: 'a', status: 'Downloading', progressDetail: { current: 60, total: 100 } },
    ]);
    expect(p).toMatchObject({ current: 65, total: 150, status: 'Downloading' });
    expect(p.layers).toEqual({ a: { current: 60, total: 100, status: 'Downloading' }, b: { current: 5, total: 50, status: 'Downloading' } });
  });

  it('counts a completed or already present layer as whole', () => {
    const p = fold([
      { id: 'a', status: 'Downloading', progressDetail: { current: 10, total: 100 } },
      { id: 'b', status: 'Downloading', progressDetail: { current: 1, total: 50 } },
      { id: 'a', status: 'Download complete' },
      { id: 'b', status: 'Already exists' },
    ]);
    expect(p).toMatchObject({ current: 150, total: 150 });
  });

  it('ignores layers that never said their size, and events without a total', () => {
    const p = fold([
      { id: 'a', status: 'Pulling fs layer' },
      { id: 'a', status: 'Waiting', progressDetail: {} },
      { id: 'b', status: 'Downloading', progressDetail: { current: 3, total: 4 } },
      { id: 'a', status: 'Pull complete' },
    ]);
    expect(p).toMatchObject({ current: 3, total: 4 });
    expect(Object.keys(p.layers)).toEqual(['b']);
  });

  it('never counts more than a layer total, even when the registry overshoots', () => {
    const p = fold([{ id: 'a', status: 'Downloading', progressDetail: { current: 120, total: 100 } }]);
    expect(p.current).toBe(100);
    expect(p.total).toBe(100);
  });

  it('reads a missing current as 0', () => {
    expect(fold([{ id: 'a', status: 'Downloading', progressDetail: { total: 10 } }])).toMatchObject({ current: 0, total: 10 });
  });

  it('leaves the progress it was given untouched (a new object every time)', () => {
    const before = fold([{ id: 'a', status: 'Downloading', progressDetail: { current: 1, total: 10 } }]);
    const snapshot = structuredClone(before);
    const after = foldPullEvent(before, { id: 'a', status: 'Download complete' });
    expect(before).toEqual(snapshot);
    expect(after).not.toBe(before);
    expect(after.current).toBe(10);
  });
});
