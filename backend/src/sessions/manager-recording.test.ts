// The registry keeps each session's recording as long as it lists the session: readable while it
// runs and after it ended, gone with a DELETE or when the ended session is no longer kept; and it
// reports every end (with the session as listed) to whoever audits them.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/server/fake-engine.js';
import { until } from '../../test/server/recording-client.js';
import { CdebugError, type Session } from '../contract/index.js';
import { SessionManager } from './manager.js';
import { parseCast } from './recording/replay.js';

const managers: SessionManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.shutdown()));
});

function setup(keepEnded = 50) {
  const engine = new FakeEngine();
  engine.addTarget('app');
  const ended: Session[] = [];
  const manager = new SessionManager({ engine, idleTimeoutMs: 0, keepEnded, onSessionEnded: (s) => ended.push(s) });
  managers.push(manager);
  return { engine, manager, ended };
}

const outputOf = (text: string) =>
  parseCast(text)
    .events.filter(([, kind]) => kind === 'o')
    .map(([, , data]) => data)
    .join('');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CdebugError) return err.code;
    throw err;
  }
  return 'ok';
}

describe('SessionManager: recordings', () => {
  it('records the output, never the input, and keeps it after the end', async () => {
    const { engine, manager, ended } = setup();
    const s = await manager.create({ target: 'app', cols: 100, rows: 30 });
    await until(() => manager.get(s.id).state === 'running', 'running');
    // a password read without echo: the sidecar prints nothing back
    const typed: string[] = [];
    engine.last.onInput = (data) => typed.push(data.toString());
    engine.last.print('Password: ');
    const attachment = manager.attach(s.id, { sendBytes: (_d, written) => written(), sendFrame: () => undefined, close: () => undefined });
    attachment.input(Buffer.from('hunter2\r'));
    await until(() => typed.length > 0, 'the input to reach the sidecar');
    engine.last.print('\r\n/ # ');
    await until(() => outputOf(manager.recording(s.id)).endsWith('Password: \r\n/ # '), 'the output recorded');
    expect(manager.recording(s.id)).not.toContain('hunter2');
    const cast = parseCast(manager.recording(s.id));
    expect(cast.header).toMatchObject({ width: 100, height: 30, title: 'app · busybox:latest' });
    engine.last.exitWith(4);
    await until(() => manager.get(s.id).state === 'exited', 'exited');
    expect(outputOf(manager.recording(s.id)).endsWith('/ # ')).toBe(true);
    expect(ended).toEqual([expect.objectContaining({ id: s.id, state: 'exited', exitCode: 4, engine: 'default' })]);
  });

  it('forgets the recording with a DELETE, and with an ended session no longer kept', async () => {
    const { engine, manager, ended } = setup(1);
    const a = await manager.create({ target: 'app' });
    await until(() => manager.get(a.id).state === 'running', 'a running');
    engine.last.exitWith(0);
    await until(() => manager.get(a.id).state === 'exited', 'a exited');
    const b = await manager.create({ target: 'app' });
    await until(() => manager.get(b.id).state === 'running', 'b running');
    engine.last.exitWith(0);
    await until(() => !manager.has(a.id), 'a no longer kept');
    expect(codeOf(() => manager.recording(a.id))).toBe('session_not_found');
    expect(codeOf(() => manager.recording(b.id))).toBe('ok');
    await manager.delete(b.id);
    expect(codeOf(() => manager.recording(b.id))).toBe('session_not_found');
    expect(ended.map((s) => s.id)).toEqual([a.id, b.id]);
  });
});
