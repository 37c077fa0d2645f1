import { describe, expect, it } from 'vitest';
import type { ContainerDetails } from '../../contract/index.js';
import { containersOf, initialCatalog, reduceCatalog, type CatalogInput, type CatalogState } from './catalog-state.js';

const info = { name: 'Docker Engine', version: '20.10', apiVersion: '1.41' };

function container(id: string, overrides: Partial<ContainerDetails> = {}): ContainerDetails {
  return {
    id,
    name: `c-${id}`,
    image: 'busybox',
    state: 'running',
    status: 'running',
    createdAt: `2026-01-0${id.length}T00:00:00Z`,
    command: 'sh',
    user: 'root',
    readOnly: false,
    pidMode: 'private',
    networkMode: 'none',
    ports: [],
    networks: [],
    exitCode: null,
    finishedAt: '',
    ...overrides,
  };
}

const start = () => initialCatalog([{ name: 'default', host: 'unix:///var/run/docker.sock', default: true }]);

function run(inputs: CatalogInput[], state: CatalogState = start()) {
  const frames = [];
  for (const input of inputs) {
    const step = reduceCatalog(state, input);
    state = step.state;
    frames.push(...step.frames);
  }
  return { state, frames };
}

describe('the live catalog', () => {
  it('starts not current, the engine not reached yet', () => {
    const state = start();
    expect(state.get('default')).toMatchObject({ current: false, status: { reachable: false, error: { code: 'engine_unreachable' } } });
  });

  it('takes a full list as everything: the engine up, each container upserted', () => {
    const { state, frames } = run([{ kind: 'listed', engine: 'default', info, containers: [container('a'), container('bb')] }]);
    expect(state.get('default')?.current).toBe(true);
    expect(frames.map((f) => f.type)).toEqual(['engine_changed', 'container_upserted', 'container_upserted']);
    expect(frames[1]).toMatchObject({ container: { id: 'a', engine: 'default' } });
  });

  it('turns events into deltas, and says nothing when nothing changed', () => {
    const listed: CatalogInput = { kind: 'listed', engine: 'default', info, containers: [container('a')] };
    const { frames } = run([
      listed,
      { kind: 'upserted', engine: 'default', container: container('a') },
      { kind: 'upserted', engine: 'default', container: container('a', { state: 'exited', exitCode: 3 }) },
      { kind: 'upserted', engine: 'default', container: container('new') },
      { kind: 'removed', engine: 'default', id: 'a' },
      { kind: 'removed', engine: 'default', id: 'a' },
    ]);
    expect(frames.slice(2)).toEqual([
      { type: 'container_upserted', container: { ...container('a', { state: 'exited', exitCode: 3 }), engine: 'default' } },
      { type: 'container_upserted', container: { ...container('new'), engine: 'default' } },
      { type: 'container_removed', engine: 'default', id: 'a' },
    ]);
  });

  it('after a gap, a new list removes what went and upserts only what changed', () => {
    const before = run([{ kind: 'listed', engine: 'default', info, containers: [container('a'), container('bb'), container('ccc')] }]).state;
    const { state, frames } = run(
      [
        { kind: 'down', engine: 'default', error: { code: 'engine_unreachable', message: 'gone' } },
        { kind: 'listed', engine: 'default', info, containers: [container('a'), container('bb', { state: 'exited' }), container('dddd')] },
      ],
      before,
    );
    expect(frames).toHaveLength(5);
    expect(frames).toMatchObject([
      { type: 'engine_changed', engine: { reachable: false, error: { code: 'engine_unreachable', message: 'gone' } } },
      { type: 'engine_changed', engine: { reachable: true, engine: info } },
      { type: 'container_removed', engine: 'default', id: 'ccc' },
      { type: 'container_upserted', container: { id: 'bb', state: 'exited' } },
      { type: 'container_upserted', container: { id: 'dddd' } },
    ]);
    expect(containersOf(state).map((c) => c.id)).toEqual(['dddd', 'bb', 'a']);
  });

  it('is not current while the engine is down or after a missed event, until the next list', () => {
    const listed = run([{ kind: 'listed', engine: 'default', info, containers: [container('a')] }]).state;
    expect(run([{ kind: 'down', engine: 'default', error: { code: 'engine_unreachable', message: 'x' } }], listed).state.get('default')).toMatchObject({
      current: false,
      containers: new Map([['a', container('a')]]),
    });
    const stale = run([{ kind: 'stale', engine: 'default' }], listed);
    expect(stale.frames).toEqual([]);
    expect(stale.state.get('default')?.current).toBe(false);
  });

  it('ignores an engine it does not know', () => {
    const state = start();
    expect(reduceCatalog(state, { kind: 'removed', engine: 'other', id: 'a' })).toEqual({ state, frames: [] });
  });
});
