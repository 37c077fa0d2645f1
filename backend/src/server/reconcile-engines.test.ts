// Reconciliation per engine with fakes: an engine down at start does not hold up the other,
// is tried again until it answers (its sidecar then adopted on it), and stop() ends the retries.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeEngine, FakeSidecar } from '../../test/server/fake-engine.js';
import { FakeCatalog } from '../../test/server/unit-app.js';
import { CdebugError } from '../contract/index.js';
import { EnginePool } from '../runtimes/pool.js';
import { SessionManager } from '../sessions/manager.js';
import { silentLog } from '../sessions/session.js';
import { reconcileEngines } from './reconcile-engines.js';

const managers: SessionManager[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

function setup() {
  const up = new FakeEngine();
  const down = new FakeEngine();
  let downAnswers = false;
  let downAsked = 0;
  const listOwned = down.listOwned.bind(down);
  down.listOwned = async () => {
    downAsked += 1;
    if (!downAnswers) throw new CdebugError('engine_unreachable', 'The engine "down" does not answer.');
    return listOwned();
  };
  const sidecar = new FakeSidecar('sc-down');
  down.owned.push({
    id: 'sc-down',
    sessionId: 'kept',
    running: true,
    createdAt: '2026-01-01T00:00:00Z',
    info: { target: { id: 't', name: 'app' }, mode: 'live', image: 'busybox:latest', cmd: ['sh'], user: null, privileged: false },
  });
  down.adoptable.set('sc-down', sidecar);
  const engines = new EnginePool([
    { name: 'up', host: 'unix:///up.sock', catalog: new FakeCatalog(), sessions: up },
    { name: 'down', host: 'unix:///down.sock', catalog: new FakeCatalog(), sessions: down },
  ]);
  const manager = new SessionManager({ engines, idleTimeoutMs: 0 });
  managers.push(manager);
  return { engines, manager, bringUp: () => (downAnswers = true), asked: () => downAsked };
}

describe('reconciling several engines', () => {
  it('tries an engine that was down again until it answers, then adopts its sidecar on it', async () => {
    vi.useFakeTimers();
    const { engines, manager, bringUp, asked } = setup();
    const reconciler = reconcileEngines(engines, manager, silentLog, 1000);
    await reconciler.firstPass;
    expect(manager.has('kept')).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked()).toBe(2);
    bringUp();
    await vi.advanceTimersByTimeAsync(1000);
    expect(manager.get('kept')).toMatchObject({ engine: 'down', state: 'running' });
    // done: no more tries
    await vi.advanceTimersByTimeAsync(5000);
    expect(asked()).toBe(3);
    await reconciler.stop();
  });

  it('stops trying once stopped', async () => {
    vi.useFakeTimers();
    const { engines, manager, asked } = setup();
    const reconciler = reconcileEngines(engines, manager, silentLog, 1000);
    await reconciler.firstPass;
    await reconciler.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asked()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
