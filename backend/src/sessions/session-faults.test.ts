// Faults around a session, against the fake engine: a sidecar killed from outside, the engine
// going away (its streams lost, or its shutdown stopping the target), and a sidecar the engine
// could not remove while it was down.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/server/fake-engine.js';
import { RecordingClient, until } from '../../test/server/recording-client.js';
import { CdebugError } from '../contract/index.js';
import { SessionManager } from './manager.js';

const managers: SessionManager[] = [];

async function running() {
  const engine = new FakeEngine();
  engine.addTarget('app');
  const manager = new SessionManager({ engine, idleTimeoutMs: 0 });
  managers.push(manager);
  const { id } = await manager.create({ target: 'app' });
  await until(() => manager.get(id).state === 'running', 'running');
  const client = new RecordingClient();
  manager.attach(id, client);
  return { engine, manager, id, client, sidecar: engine.last };
}

const final = (manager: SessionManager, id: string) => () => ['exited', 'failed'].includes(manager.get(id).state);

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

describe('session faults', () => {
  it('a sidecar killed from outside ends the session with session_ended, not as an exit', async () => {
    const { engine, manager, id, client, sidecar } = await running();
    engine.killSidecar(sidecar);
    await until(final(manager, id), 'the end');
    expect(manager.get(id)).toMatchObject({ state: 'exited', exitCode: 137, error: { code: 'session_ended' } });
    expect(client.frames('error').map((f) => f.code)).toEqual(['session_ended']);
    expect(client.frames('exit')).toEqual([]);
    expect(client.closedWith).toBe(1000);
  });

  it("the command's own exit 137 (no kill reported) stays an exit", async () => {
    const { manager, id, client, sidecar } = await running();
    sidecar.exitWith(137);
    await until(final(manager, id), 'the end', 6000);
    expect(manager.get(id)).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(manager.get(id).error).toBeUndefined();
    expect(client.frames('exit')).toEqual([{ type: 'exit', code: 137 }]);
  });

  it('lost streams from an engine that refuses new connections end it with engine_unreachable', async () => {
    const { engine, manager, id, client, sidecar } = await running();
    engine.down = true;
    sidecar.lose(new CdebugError('sidecar_failed', 'The engine ended the wait without an exit code.'));
    await until(final(manager, id), 'the end');
    expect(manager.get(id)).toMatchObject({ state: 'failed', error: { code: 'engine_unreachable' } });
    expect(client.frames('error').map((f) => f.code)).toEqual(['engine_unreachable']);
  });

  it("an engine shutdown that stops the target is the engine's doing, not the target's", async () => {
    const { engine, manager, id, sidecar } = await running();
    engine.down = true;
    engine.killTarget('app');
    sidecar.exitWith(143);
    await until(final(manager, id), 'the end');
    expect(manager.get(id).error?.code).toBe('engine_unreachable');
  });

  it('a target that stops while the engine answers is still target_stopped', async () => {
    const { engine, manager, id, sidecar } = await running();
    engine.killTarget('app');
    sidecar.exitWith(137);
    await until(final(manager, id), 'the end');
    expect(manager.get(id).error?.code).toBe('target_stopped');
  });

  it('a sidecar the engine could not remove is removed once the engine answers again', async () => {
    const { engine, manager, id, sidecar } = await running();
    engine.down = true;
    engine.removeFails = true;
    sidecar.stopError = new CdebugError('engine_unreachable', 'down');
    sidecar.lose(new CdebugError('engine_unreachable', 'down'));
    await until(final(manager, id), 'the end');
    expect(engine.removed).toEqual([]);
    engine.down = false;
    engine.removeFails = false;
    await until(() => engine.removed.includes(sidecar.id), 'the retried removal', 5000);
  });
});
