// A session's hint: a refused command in its output becomes part of its state (toJSON, and a
// change its watchers hear), compared with the privileges its sidecar holds.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine, FakeSidecar } from '../../test/server/fake-engine.js';
import { until } from '../../test/server/recording-client.js';
import type { SessionInfo } from '../runtimes/port.js';
import { Session, silentLog } from './session.js';

const base: SessionInfo = {
  target: { id: 'app-id-0123456789abcdef', name: 'app' },
  mode: 'live',
  image: 'busybox:latest',
  cmd: ['sh'],
  user: null,
  privileged: false,
  privileges: { profile: 'general', capAdd: ['SYS_PTRACE'], capDrop: [] },
};
const sessions: Session[] = [];

async function running(info: SessionInfo) {
  const engine = new FakeEngine();
  engine.addTarget('app');
  const changes: (string | null)[] = [];
  const s = new Session({
    id: 's1',
    info,
    createdAt: '2026-01-01T00:00:00Z',
    size: { cols: 80, rows: 24 },
    imagePresent: true,
    engine,
    idleTimeoutMs: 0,
    log: silentLog,
    onEnded: () => undefined,
    onStateChange: (changed) => changes.push(changed.toJSON().hint?.profile ?? null),
    drainTimeoutMs: 50,
  });
  sessions.push(s);
  const sidecar = new FakeSidecar('sc1');
  s.launch({ info, imagePresent: true, launch: () => Promise.resolve(sidecar) });
  await until(() => s.toJSON().state === 'running', 'the session to run');
  changes.length = 0;
  return { s, sidecar, changes };
}

afterEach(() => {
  for (const s of sessions.splice(0)) s.dispose();
});

describe('Session hint', () => {
  it('starts with none, and shows the profile a refused command needs, told once', async () => {
    const { s, sidecar, changes } = await running(base);
    expect(s.toJSON()).toMatchObject({ profile: 'general', hint: null });
    sidecar.print('/ # ip link set lo mtu 1400\r\nip: SIOCSIF');
    sidecar.print('MTU: Operation not permitted\r\n/ # ');
    await until(() => s.toJSON().hint !== null, 'the hint');
    expect(s.toJSON().hint).toEqual({ profile: 'netadmin', capability: 'NET_ADMIN', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' });
    sidecar.print('ip: SIOCSIFMTU: Operation not permitted\r\n'.repeat(20));
    sidecar.print('/ # echo done\r\ndone\r\n');
    await until(() => changes.length > 0, 'the change to be told');
    expect(changes).toEqual(['netadmin']);
  });

  it('shows none in a session whose sidecar holds the capability', async () => {
    const { s, sidecar } = await running({ ...base, privileges: { profile: 'netadmin', capAdd: ['SYS_PTRACE', 'NET_ADMIN', 'NET_RAW'], capDrop: [] } });
    sidecar.print('ip: RTNETLINK answers: Operation not permitted\r\ndone\r\n');
    await until(() => sidecar.outputBegun > 0, 'the output');
    expect(s.toJSON()).toMatchObject({ profile: 'netadmin', hint: null });
  });

  it('reads a session described without privileges as the default profile, or sysadmin when privileged', async () => {
    const { privileges: _, ...described } = base;
    const { s, sidecar } = await running(described);
    expect(s.toJSON().profile).toBe('general');
    sidecar.print('mount: permission denied (are you root?)\r\n');
    await until(() => s.toJSON().hint !== null, 'the hint');
    expect(s.toJSON().hint).toMatchObject({ profile: 'sysadmin', capability: 'SYS_ADMIN', command: 'mount' });
    const privileged = await running({ ...described, privileged: true });
    expect(privileged.s.toJSON().profile).toBe('sysadmin');
  });
});
