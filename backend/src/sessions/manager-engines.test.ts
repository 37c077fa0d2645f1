// The registry with two engines (fakes, no Docker): sessions go to the engine the request
// names, say which one they run on, and a death on one engine ends only that engine's sessions.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, FakeSidecar } from '../../test/server/fake-engine.js';
import { until } from '../../test/server/recording-client.js';
import { CdebugError } from '../contract/index.js';
import { engineNotFound, type SessionEngines } from '../runtimes/engine-set.js';
import { SessionManager } from './manager.js';
import { reconcile } from './reconcile.js';
import { silentLog } from './session.js';

const managers: SessionManager[] = [];

function twoEngines() {
  const a = new FakeEngine();
  const b = new FakeEngine();
  // the same target name, and so the same fake id, on both: only the engine tells them apart
  a.addTarget('app');
  b.addTarget('app');
  const byName = new Map([
    ['a', a],
    ['b', b],
  ]);
  const engines: SessionEngines = {
    defaultName: 'a',
    names: () => [...byName.keys()],
    sessionEngine(name) {
      const engine = byName.get(name);
      if (!engine) throw engineNotFound(name, [...byName.keys()]);
      return engine;
    },
  };
  const manager = new SessionManager({ engines, idleTimeoutMs: 0 });
  managers.push(manager);
  return { a, b, manager };
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

describe('SessionManager with two engines', () => {
  it('starts a session on the engine the request names, the default one when it names none', async () => {
    const { a, b, manager } = twoEngines();
    const onA = await manager.create({ target: 'app' });
    const onB = await manager.create({ target: 'app', engine: 'b' });
    expect([onA.engine, onB.engine]).toEqual(['a', 'b']);
    await until(() => manager.get(onB.id).state === 'running' && manager.get(onA.id).state === 'running', 'both running');
    expect([a.sidecars.length, b.sidecars.length]).toEqual([1, 1]);
    expect(
      manager
        .list()
        .map((s) => s.engine)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('refuses an engine it does not know, starting nothing', async () => {
    const { a, b, manager } = twoEngines();
    const refused = await manager.create({ target: 'app', engine: 'c' }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(CdebugError);
    expect((refused as CdebugError).code).toBe('engine_not_found');
    expect(manager.list()).toEqual([]);
    expect([a.sidecars.length, b.sidecars.length]).toEqual([0, 0]);
  });

  it('ends only the sessions of the engine whose target died, and watches only engines with live sessions', async () => {
    const { a, b, manager } = twoEngines();
    const onA = await manager.create({ target: 'app' });
    expect([a.watching, b.watching]).toEqual([1, 0]);
    const onB = await manager.create({ target: 'app', engine: 'b' });
    expect([a.watching, b.watching]).toEqual([1, 1]);
    await until(() => manager.get(onA.id).state === 'running' && manager.get(onB.id).state === 'running', 'both running');
    b.killTarget('app');
    await until(() => manager.get(onB.id).state === 'exited', 'the session on b ended');
    expect(manager.get(onB.id).error?.code).toBe('target_stopped');
    expect(manager.get(onA.id).state).toBe('running');
    expect([a.watching, b.watching]).toEqual([1, 0]);
  });

  it('adopts a sidecar found on an engine as a session of that engine', async () => {
    const { b, manager } = twoEngines();
    const sidecar = new FakeSidecar('sc-1');
    b.owned.push({
      id: 'sc-1',
      sessionId: 'adopted-1',
      running: true,
      createdAt: '2026-01-01T00:00:00Z',
      info: { target: { id: 'app-id-0123456789abcdef', name: 'app' }, mode: 'live', image: 'busybox:latest', cmd: ['sh'], user: null, privileged: false },
    });
    b.adoptable.set('sc-1', sidecar);
    expect(await reconcile(b, manager, silentLog, 'b')).toEqual({ adopted: ['adopted-1'], removed: [] });
    expect(manager.get('adopted-1')).toMatchObject({ engine: 'b', state: 'running' });
  });
});
