import { Check } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { LiveEvent } from './events.js';

// the service sends every field (the defaults are for readers of older or newer services)
const container = {
  id: 'a',
  name: 'n',
  image: 'i',
  state: 'exited',
  status: 'exited',
  createdAt: '2026-01-01T00:00:00Z',
  command: 'sh',
  user: 'root',
  readOnly: false,
  pidMode: 'private',
  networkMode: 'none',
  ports: [],
  networks: [],
  exitCode: 3,
  finishedAt: '2026-01-01T00:01:00Z',
  engine: 'default',
};
const engine = { name: 'default', host: 'h', default: true, reachable: true, engine: null };

describe('the /api/events frames', () => {
  it('reads each kind of frame', () => {
    for (const frame of [
      { type: 'snapshot', engines: [engine], containers: [], sessions: [] },
      { type: 'snapshot', engines: [engine], containers: [container], sessions: [] },
      { type: 'container_upserted', container },
      { type: 'container_removed', engine: 'default', id: 'a' },
      { type: 'session_removed', id: 's' },
      { type: 'engine_changed', engine },
    ]) {
      expect(Check(LiveEvent, frame), JSON.stringify(frame)).toBe(true);
    }
  });

  it('refuses an unknown type, a container without its engine, a snapshot without sessions', () => {
    expect(Check(LiveEvent, { type: 'nope' })).toBe(false);
    const { engine: _, ...withoutEngine } = container;
    expect(Check(LiveEvent, { type: 'container_upserted', container: withoutEngine })).toBe(false);
    expect(Check(LiveEvent, { type: 'snapshot', engines: [], containers: [] })).toBe(false);
    expect(Check(LiveEvent, { type: 'container_removed', engine: 'bad name!', id: 'a' })).toBe(false);
  });
});
