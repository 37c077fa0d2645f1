import { describe, expect, it } from 'vitest';
import { FakeEngine, FakeSidecar } from '../../test/server/fake-engine.js';
import { RecordingClient, until } from '../../test/server/recording-client.js';
import { SessionManager } from './manager.js';
import { reconcile } from './reconcile.js';
import { silentLog } from './session.js';

const info = (targetId: string) => ({
  target: { id: targetId, name: 'app' },
  mode: 'live' as const,
  image: 'busybox:latest',
  cmd: ['sh'],
  user: null,
  privileged: false,
});

describe('reconcile', () => {
  it('re-adopts running sidecars with their screen, removes the others', async () => {
    const engine = new FakeEngine();
    const target = engine.addTarget('app');
    engine.owned.push(
      { id: 'live', sessionId: 'aaaa', running: true, info: info(target.id), createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'dead', sessionId: 'bbbb', running: false, info: info(target.id), createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'broken', sessionId: 'cccc', running: true, info: info(target.id), createdAt: '2026-01-01T00:00:00.000Z' },
    );
    const live = new FakeSidecar('live');
    engine.adoptable.set('live', live);
    engine.ownedHistory.set('live', '/srv # echo before\r\nbefore\r\n/srv # ');
    const manager = new SessionManager({ engine, idleTimeoutMs: 0 });

    const result = await reconcile(engine, manager, silentLog);
    expect(result).toEqual({ adopted: ['aaaa'], removed: ['bbbb', 'cccc'] });
    expect(engine.removed).toEqual(['dead', 'broken']);
    expect(manager.list().map((s) => [s.id, s.state])).toEqual([['aaaa', 'running']]);

    const client = new RecordingClient();
    const a = manager.attach('aaaa', client);
    await until(() => client.frames('snapshot').length === 1, 'snapshot');
    expect(client.frames('snapshot')[0]?.data).toContain('before');
    a.input(Buffer.from('x'));
    expect(live.typed).toBe('x');

    // a second pass leaves what it already holds alone
    expect(await reconcile(engine, manager, silentLog)).toEqual({ adopted: [], removed: ['bbbb', 'cccc'] });
    await manager.shutdown();
    expect(live.stopped).toBe(true);
  });
});
