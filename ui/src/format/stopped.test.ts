import { describe, expect, it } from 'vitest';
import { container, stoppedContainer } from '../test/fakeApi';
import { ago, containerStatus, imageSize } from './stopped';

const NOW = Date.parse('2026-01-10T12:00:00Z');

describe('ago', () => {
  it('says how long ago in the largest unit that fits', () => {
    expect(ago('2026-01-10T11:59:30Z', NOW)).toBe('just now');
    expect(ago('2026-01-10T11:57:00Z', NOW)).toBe('3 min ago');
    expect(ago('2026-01-10T07:00:00Z', NOW)).toBe('5 h ago');
    expect(ago('2026-01-09T11:00:00Z', NOW)).toBe('1 day ago');
    expect(ago('2026-01-01T12:00:00Z', NOW)).toBe('9 days ago');
  });

  it('answers null for no time, and "just now" for a clock a little ahead', () => {
    expect(ago('', NOW)).toBeNull();
    expect(ago('not a date', NOW)).toBeNull();
    expect(ago('2026-01-10T12:00:05Z', NOW)).toBe('just now');
  });
});

describe('containerStatus', () => {
  it("shows a running container's status as the engine says it", () => {
    expect(containerStatus(container({ status: 'Up 5 minutes' }), NOW)).toBe('Up 5 minutes');
  });

  it('shows a stopped one with its state, exit code and when', () => {
    expect(containerStatus(stoppedContainer({ exitCode: 1, finishedAt: '2026-01-10T11:57:00Z' }), NOW)).toBe('Exited (1) · 3 min ago');
    expect(containerStatus(stoppedContainer({ state: 'dead', exitCode: 137, finishedAt: '2026-01-09T12:00:00Z' }), NOW)).toBe('Dead (137) · 1 day ago');
    expect(containerStatus(stoppedContainer({ exitCode: 0, finishedAt: '' }), NOW)).toBe('Exited (0)');
  });

  it('says a created container never started, and falls back to the engine words otherwise', () => {
    expect(containerStatus(container({ state: 'created', status: 'Created' }), NOW)).toBe('Created · never started');
    expect(containerStatus(container({ state: 'restarting', status: 'Restarting (1) 2 seconds ago' }), NOW)).toBe('Restarting (1) 2 seconds ago');
    expect(containerStatus(container({ state: 'paused', status: '' }), NOW)).toBe('Paused');
  });
});

describe('imageSize', () => {
  it('uses decimal units like docker images', () => {
    expect(imageSize(512)).toBe('512 B');
    expect(imageSize(4_261_000)).toBe('4.3 MB');
    expect(imageSize(120_000_000)).toBe('120 MB');
    expect(imageSize(1_200_000_000)).toBe('1.2 GB');
  });
});
