import { describe, expect, it } from 'vitest';
import { container, engineStatus, session } from '../test/fakeApi';
import { applyLive, EMPTY_LIVE, liveLost } from './live';

const placed = (patch: Parameters<typeof container>[0]) => ({ ...container(patch), engine: 'default' });

const snapshot = applyLive(EMPTY_LIVE, {
  type: 'snapshot',
  engines: [engineStatus({ name: 'default', default: true })],
  containers: [container({ id: 'old', name: 'old', createdAt: '2026-01-01T00:00:00Z', engine: 'default' })],
  sessions: [session({ id: 's1', state: 'running' })],
});

describe('the live state', () => {
  it('is not ready until the snapshot, which replaces everything', () => {
    expect(EMPTY_LIVE.ready).toBe(false);
    expect(snapshot).toMatchObject({ ready: true, error: null, containers: [{ id: 'old' }], sessions: [{ id: 's1' }] });
  });

  it('puts a new container first, replaces a changed one, drops a removed one', () => {
    const added = applyLive(snapshot, { type: 'container_upserted', container: placed({ id: 'new', name: 'new', createdAt: '2026-02-01T00:00:00Z' }) });
    expect(added.containers.map((c) => c.id)).toEqual(['new', 'old']);
    const stopped = applyLive(added, {
      type: 'container_upserted',
      container: placed({ id: 'old', name: 'old', createdAt: '2026-01-01T00:00:00Z', state: 'exited' }),
    });
    expect(stopped.containers.map((c) => [c.id, c.state])).toEqual([
      ['new', 'running'],
      ['old', 'exited'],
    ]);
    // the same id on another engine is another container
    expect(applyLive(stopped, { type: 'container_removed', engine: 'other', id: 'old' }).containers).toHaveLength(2);
    expect(applyLive(stopped, { type: 'container_removed', engine: 'default', id: 'old' }).containers.map((c) => c.id)).toEqual(['new']);
  });

  it('follows sessions and engines', () => {
    const ended = applyLive(snapshot, { type: 'session_changed', session: session({ id: 's1', state: 'exited', exitCode: 0 }) });
    expect(ended.sessions).toMatchObject([{ id: 's1', state: 'exited', exitCode: 0 }]);
    const added = applyLive(ended, { type: 'session_changed', session: session({ id: 's2', state: 'pulling' }) });
    expect(added.sessions.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(applyLive(added, { type: 'session_removed', id: 's1' }).sessions.map((s) => s.id)).toEqual(['s2']);
    const down = applyLive(snapshot, { type: 'engine_changed', engine: engineStatus({ name: 'default', default: true, reachable: false }) });
    expect(down.engines[0]?.reachable).toBe(false);
  });

  it('keeps what it knows when the socket is lost, saying so', () => {
    const lost = liveLost(snapshot, { code: 'engine_unreachable', message: 'lost' });
    expect(lost).toMatchObject({ ready: true, containers: snapshot.containers, error: { message: 'lost' } });
  });
});
