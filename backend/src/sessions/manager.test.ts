// The registry and the session lifecycle, against a fake engine (no Docker).
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/server/fake-engine.js';
import { RecordingClient, until } from '../../test/server/recording-client.js';
import { CdebugError } from '../contract/index.js';
import { SessionManager } from './manager.js';

const managers: SessionManager[] = [];
function setup(options: { idleTimeoutMs?: number; keepOnShutdown?: boolean } = {}) {
  const engine = new FakeEngine();
  engine.addTarget('app');
  const manager = new SessionManager({ engine, idleTimeoutMs: options.idleTimeoutMs ?? 0, keepOnShutdown: options.keepOnShutdown ?? false });
  managers.push(manager);
  return { engine, manager };
}

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CdebugError) return err.code;
    throw err;
  }
  return 'ok';
}

describe('SessionManager: creating', () => {
  it('answers at once with a starting session that then runs', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app', cols: 100, rows: 30 });
    expect(s).toMatchObject({ state: 'starting', target: { name: 'app' }, image: 'busybox:latest', cmd: ['sh'], cols: 100, rows: 30, clients: 0 });
    await until(() => manager.get(s.id).state === 'running', 'running');
    expect(engine.last.sizes[0]).toEqual([100, 30]);
  });

  it('starts in pulling when the image is missing', async () => {
    const { manager } = setup();
    const s = await manager.create({ target: 'app', image: 'alpine' });
    expect(s.state).toBe('pulling');
    await until(() => manager.get(s.id).state === 'running', 'running');
  });

  it('refuses at once an unknown or stopped target and a malformed image, starting nothing', async () => {
    const { engine, manager } = setup();
    engine.addTarget('stopped', 'stopped');
    expect(await codeOf(manager.create({ target: 'nope' }))).toBe('target_not_found');
    expect(await codeOf(manager.create({ target: 'stopped' }))).toBe('target_not_running');
    expect(await codeOf(manager.create({ target: 'app', image: 'UPPER/Case' }))).toBe('invalid_image');
    expect(manager.list()).toEqual([]);
    expect(engine.sidecars).toHaveLength(0);
  });

  it('ends in failed with image_pull_failed when the image cannot be pulled', async () => {
    const { engine, manager } = setup();
    engine.unpullable.add('127.0.0.1:1/nope:latest');
    const s = await manager.create({ target: 'app', image: '127.0.0.1:1/nope:latest' });
    const client = new RecordingClient();
    manager.attach(s.id, client);
    await until(() => manager.get(s.id).state === 'failed', 'failed');
    expect(manager.get(s.id).error?.code).toBe('image_pull_failed');
    await until(() => client.closedWith !== null, 'close');
    expect(client.frames('error').map((f) => f.code)).toEqual(['image_pull_failed']);
    expect(client.closedWith).toBe(1000);
    expect(engine.sidecars).toHaveLength(0);
  });

  it('lists newest first and finds by id', async () => {
    const { manager } = setup();
    const a = await manager.create({ target: 'app' });
    await new Promise((r) => setTimeout(r, 5));
    const b = await manager.create({ target: 'app' });
    expect(manager.list().map((s) => s.id)).toEqual([b.id, a.id]);
    expect(manager.get(a.id).id).toBe(a.id);
    expect(() => manager.get('missing')).toThrow(expect.objectContaining({ code: 'session_not_found' }));
  });
});

describe('SessionManager: clients', () => {
  it('sends the snapshot first, then live bytes in order', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    await new Promise((r) => setTimeout(r, 20));
    const client = new RecordingClient();
    manager.attach(s.id, client);
    engine.last.print('live-1 ');
    engine.last.print('live-2');
    await until(() => client.text.includes('live-2'), 'live bytes');
    expect(client.order.slice(0, 2)).toEqual(['snapshot', 'status']);
    expect(client.frames('snapshot')[0]?.data).toContain('/srv # ');
    expect(client.text).toBe('live-1 live-2');
    expect(manager.get(s.id).clients).toBe(1);
  });

  it('fans out to two clients and takes input from both', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    const one = new RecordingClient();
    const two = new RecordingClient();
    const a = manager.attach(s.id, one);
    const b = manager.attach(s.id, two);
    await new Promise((r) => setTimeout(r, 10));
    a.input(Buffer.from('from-one '));
    b.input(Buffer.from('from-two'));
    await until(() => one.text.includes('from-two') && two.text.includes('from-two'), 'echo on both');
    expect(one.text).toBe(two.text);
    expect(engine.last.typed).toBe('from-one from-two');
  });

  it('resizes the mirror and the sidecar, and reports the size', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    const a = manager.attach(s.id, new RecordingClient());
    a.control({ type: 'resize', cols: 132, rows: 43 });
    await until(() => engine.last.sizes.some(([c, r]) => c === 132 && r === 43), 'resize');
    expect(manager.get(s.id)).toMatchObject({ cols: 132, rows: 43 });
  });

  it("tells the sidecar when its first output arrives (the entry script's sizing is over), once", async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    expect(engine.last.outputBegun).toBe(0);
    engine.last.print('# ');
    engine.last.print('ls\r\n');
    await until(() => engine.last.outputBegun > 0, 'outputBegan');
    await new Promise((r) => setImmediate(r));
    expect(engine.last.outputBegun).toBe(1);
  });

  it('ends with an exit frame and close 1000 when the command exits; later attaches replay the end', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    const client = new RecordingClient();
    manager.attach(s.id, client);
    await new Promise((r) => setTimeout(r, 10));
    engine.last.print('bye\r\n');
    engine.last.exitWith(3);
    await until(() => client.closedWith !== null, 'close');
    expect(client.order.slice(-3)).toEqual(['status', 'exit', 'close']);
    expect(client.frames('exit')[0]?.code).toBe(3);
    expect(client.closedWith).toBe(1000);
    expect(manager.get(s.id)).toMatchObject({ state: 'exited', exitCode: 3, clients: 0 });
    expect(engine.watching).toBe(0);

    const late = new RecordingClient();
    manager.attach(s.id, late);
    await until(() => late.closedWith !== null, 'late close');
    expect(late.order).toEqual(['snapshot', 'status', 'exit', 'close']);
    expect(late.frames('snapshot')[0]?.data).toContain('bye');
  });

  it('DELETE ends the session, removes the sidecar and forgets it', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    const client = new RecordingClient();
    manager.attach(s.id, client);
    await manager.delete(s.id);
    expect(engine.last.stopped).toBe(true);
    expect(client.order.slice(-2)).toEqual(['exit', 'close']);
    expect(client.closedWith).toBe(1000);
    expect(() => manager.get(s.id)).toThrow(expect.objectContaining({ code: 'session_not_found' }));
    expect(await codeOf(manager.delete(s.id))).toBe('session_not_found');
  });

  it('DELETE while starting cancels the start', async () => {
    const { engine, manager } = setup();
    let open!: () => void;
    engine.gate = new Promise((r) => (open = r));
    const s = await manager.create({ target: 'app' });
    const deleting = manager.delete(s.id);
    open();
    await deleting;
    expect(engine.sidecars).toHaveLength(0);
  });

  it('reports target_stopped when the target dies under the session', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    const client = new RecordingClient();
    manager.attach(s.id, client);
    engine.killTarget('app');
    await until(() => client.closedWith !== null, 'close');
    expect(client.frames('error').map((f) => f.code)).toEqual(['target_stopped']);
    expect(manager.get(s.id)).toMatchObject({ state: 'exited', error: { code: 'target_stopped' } });
    expect(engine.last.stopped).toBe(true);
  });

  it('tells a plain exit from a target stop by asking the engine', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    // the sidecar dies with its namespace, before any event arrives
    engine.targets.get('app')!.state = 'stopped';
    engine.last.exitWith(137);
    await until(() => manager.get(s.id).state === 'exited', 'exited');
    expect(manager.get(s.id).error?.code).toBe('target_stopped');
  });

  it('ends a session that has had no client for the idle time, not one with a client', async () => {
    const { engine, manager } = setup({ idleTimeoutMs: 50 });
    const idle = await manager.create({ target: 'app' });
    const watched = await manager.create({ target: 'app' });
    const a = manager.attach(watched.id, new RecordingClient());
    await until(() => manager.get(idle.id).state === 'exited', 'idle end', 2000);
    expect(manager.get(idle.id).error?.code).toBe('session_ended');
    expect(manager.get(watched.id).state).toBe('running');
    a.detach();
    await until(() => manager.get(watched.id).state === 'exited', 'idle end after detach', 2000);
    expect(engine.sidecars.every((s) => s.stopped)).toBe(true);
  });

  it('shutdown ends every session and closes clients with 1001', async () => {
    const { engine, manager } = setup();
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    const client = new RecordingClient();
    manager.attach(s.id, client);
    await manager.shutdown();
    expect(engine.last.stopped).toBe(true);
    expect(client.closedWith).toBe(1001);
    expect(await codeOf(manager.create({ target: 'app' }))).toBe('session_ended');
  });

  it('shutdown can leave the sidecars running for the next instance', async () => {
    const { engine, manager } = setup({ keepOnShutdown: true });
    const s = await manager.create({ target: 'app' });
    await until(() => manager.get(s.id).state === 'running', 'running');
    const client = new RecordingClient();
    manager.attach(s.id, client);
    await manager.shutdown();
    expect(engine.last.stopped).toBe(false);
    expect(client.closedWith).toBe(1001);
  });
});
