import { describe, expect, it } from 'vitest';
import { container, image, stoppedContainer } from '../test/fakeApi';
import { isImageTarget, runsInCopy, targetRef } from './debugTarget';

describe('debug targets', () => {
  it('names a container by name (its id when it has none) and an image by its first tag (its id when untagged)', () => {
    expect(targetRef(container({ name: 'web' }))).toBe('web');
    expect(targetRef(container({ name: '', id: 'abc123' }))).toBe('abc123');
    expect(targetRef(image({ tags: ['app:2', 'app:latest'] }))).toBe('app:2');
    expect(targetRef(image({ id: 'sha256:feed', tags: [] }))).toBe('sha256:feed');
  });

  it('tells images from containers, and which runs in a new container', () => {
    expect(isImageTarget(image())).toBe(true);
    expect(isImageTarget(container())).toBe(false);
    expect(runsInCopy(container())).toBe(false);
    expect(runsInCopy(stoppedContainer({ finishedAt: '2026-01-01T00:00:00Z' }))).toBe(true);
    expect(runsInCopy(container({ state: 'created' }))).toBe(true);
    expect(runsInCopy(image())).toBe(true);
  });
});
