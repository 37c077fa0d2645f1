// The session shell carrying out its lifecycle's steps (lifecycle.ts) against the fake engine,
// on the paths the manager's tests do not reach: a sidecar whose launch finishes after a stop
// or a release, a release that leaves the sidecar running, and a stop asked for while the
// engine is being asked why the command ended.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, FakeSidecar } from '../../test/server/fake-engine.js';
import { RecordingClient, until } from '../../test/server/recording-client.js';
import type { SidecarHandle } from '../runtimes/port.js';
import type { SessionInfo } from '../runtimes/port.js';
import { Session, silentLog } from './session.js';

const info: SessionInfo = {
  target: { id: 'app-id-0123456789abcdef', name: 'app' },
  mode: 'live',
  image: 'busybox:latest',
  cmd: ['sh'],
  user: null,
  privileged: false,
};
const sessions: Session[] = [];

function session(engine = new FakeEngine()) {
  engine.addTarget('app');
  const leftovers: string[] = [];
  const ended: Session[] = [];
  const s = new Session({
    id: 's1',
    info,
    createdAt: '2026-01-01T00:00:00Z',
    size: { cols: 80, rows: 24 },
    imagePresent: true,
    engine,
    idleTimeoutMs: 0,
    log: silentLog,
    onEnded: (done) => ended.push(done),
    onLeftover: (id) => leftovers.push(id),
    drainTimeoutMs: 50,
  });
  sessions.push(s);
  return { s, engine, leftovers, ended };
}

/** a launch that ends only when the test says, whatever its abort signal says */
function slowLaunch(s: Session): (sidecar: SidecarHandle) => void {
  let finish!: (sidecar: SidecarHandle) => void;
  s.launch({ info, imagePresent: true, launch: () => new Promise((resolve) => (finish = resolve)) });
  return (sidecar) => finish(sidecar);
}

afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

describe('Session', () => {
  it('removes a sidecar whose launch finishes after a DELETE, and ends for the DELETE', async () => {
    const { s, ended } = session();
    const finish = slowLaunch(s);
    const client = new RecordingClient();
    s.attach(client);
    const deleting = s.end('deleted');
    expect(s.toJSON().state).toBe('starting');
    const late = new FakeSidecar('late');
    finish(late);
    await deleting;
    expect(late.stopped).toBe(true);
    expect(s.toJSON()).toMatchObject({ state: 'exited' });
    expect(s.toJSON().error).toBeUndefined();
    expect(client.frames('exit')).toEqual([{ type: 'exit', code: 137 }]);
    expect(client.closedWith).toBe(1000);
    expect(ended).toEqual([s]);
  });

  it('removes a sidecar whose launch finishes after a release, telling nobody', async () => {
    const { s, ended } = session();
    const finish = slowLaunch(s);
    s.release();
    await s.finished;
    const late = new FakeSidecar('late');
    finish(late);
    await until(() => late.stopped, 'the late sidecar to be removed');
    expect(s.isFinal).toBe(false);
    expect(ended).toEqual([]);
  });

  it('leaves a running sidecar to the next instance when released: clients get 1001', async () => {
    const { s, engine } = session();
    s.launch(await engine.prepare({ target: 'app' }, 's1'));
    await until(() => s.toJSON().state === 'running', 'running');
    const client = new RecordingClient();
    s.attach(client);
    s.release();
    await s.finished;
    await until(() => client.closedWith !== null, 'the client to be closed');
    expect(client.closedWith).toBe(1001);
    expect(engine.last.stopped).toBe(false);
    expect(s.toJSON().state).toBe('running');
    // a late joiner is turned away with the state it was left in
    const late = new RecordingClient();
    s.attach(late);
    await until(() => late.closedWith !== null, 'the late client to be turned away');
    expect(late.frames('status')).toEqual([{ type: 'status', state: 'running' }]);
    expect(late.closedWith).toBe(1000);
  });

  it('ends for a DELETE asked for while the engine is asked why the command ended', async () => {
    const engine = new FakeEngine();
    let answer!: (up: boolean) => void;
    engine.answers = () => new Promise((resolve) => (answer = resolve));
    const { s } = session(engine);
    s.launch(await engine.prepare({ target: 'app' }, 's1'));
    await until(() => s.toJSON().state === 'running', 'running');
    const client = new RecordingClient();
    s.attach(client);
    // the target dies: the session removes its sidecar, whose exit is then asked about
    engine.addTarget('app', 'stopped');
    s.targetDied();
    await until(() => answer !== undefined, 'the engine to be asked');
    const deleting = s.end('deleted');
    answer(true);
    await deleting;
    // the target's stop would have been an error frame: the request came first
    expect(s.toJSON()).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(client.frames('error')).toEqual([]);
    expect(client.frames('exit')).toEqual([{ type: 'exit', code: 137 }]);
  });
});
