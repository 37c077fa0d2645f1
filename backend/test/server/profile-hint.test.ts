// Issue 18's last piece through the service, on the real engine (Docker, and Podman in project
// integration-podman): a command refused for lack of a capability in a session's terminal becomes
// the session's hint, in GET /api/sessions/:id and in the events stream; a session whose profile
// grants it gets none.
import { describe, expect, it } from 'vitest';
import type { LiveEvent, ProfileHint, Session } from '../../src/contract/index.js';
import { openEvents } from '../kit/event-client.js';
import { useLiveService } from './live-suite.js';
import { TermClient } from './term-client.js';

const live = useLiveService('eperm-hints');
const { targets, clients } = live;

async function open(body: Record<string, unknown>) {
  const target = await targets.start();
  const session = await live.service.createSession({ target: target.name, ...body });
  const client = await TermClient.open(live.service.wsUrl(session.id));
  clients.push(client);
  await client.waitFor(/#$/, 'the prompt');
  return { session, client };
}

/** runs a command and waits for its status, so that its output has gone through the service */
async function run(client: TermClient, command: string): Promise<number> {
  const mark = `rc${Math.random().toString(36).slice(2, 8)}`;
  client.type(`${command}; echo ${mark}=$?\r`);
  const screen = await client.waitFor(new RegExp(`^${mark}=\\d+$`, 'm'), `the status of ${command}`);
  return Number(new RegExp(`^${mark}=(\\d+)$`, 'm').exec(screen)?.[1]);
}

async function hintOf(id: string): Promise<ProfileHint | null | undefined> {
  return (await live.service.session(id)).hint;
}

const hinted = (id: string) => (frame: LiveEvent) => frame.type === 'session_changed' && frame.session.id === id && frame.session.hint != null;

describe('the profile hint', () => {
  it('the default profile: `ip link set lo mtu 1400` is refused, and the session suggests netadmin', async () => {
    const { session, client } = await open({});
    expect(session).toMatchObject({ profile: 'general', hint: null });
    const events = await openEvents(live.service.port, live.service.token);
    try {
      await events.until((f) => f.type === 'snapshot', 'the snapshot');
      expect(await run(client, 'ip link set lo mtu 1400')).not.toBe(0);
      expect(client.screen()).toContain('Operation not permitted');
      const expected = { profile: 'netadmin', capability: 'NET_ADMIN', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' };
      expect(await hintOf(session.id)).toEqual(expected);
      const frame = await events.until(hinted(session.id), 'the hint in a session_changed frame');
      expect(frame.type === 'session_changed' && frame.session.hint).toEqual(expected);
      // the same refusal again changes nothing: no second frame
      const seen = events.frames.length;
      expect(await run(client, 'ip link add eperm0 type dummy')).not.toBe(0);
      expect(await hintOf(session.id)).toEqual(expected);
      expect(events.frames.slice(seen).filter(hinted(session.id))).toEqual([]);
    } finally {
      events.close();
    }
  });

  it('--profile netadmin: the same command succeeds and no hint comes; a mount still suggests sysadmin', async () => {
    const { session, client } = await open({ profile: 'netadmin' });
    expect(session).toMatchObject({ profile: 'netadmin', hint: null });
    expect(await run(client, 'ip link set lo mtu 1400')).toBe(0);
    expect(await hintOf(session.id)).toBeNull();
    // what netadmin does not grant is still hinted: the watch is on in this session
    expect(await run(client, 'mount -t tmpfs eperm /')).not.toBe(0);
    expect(await hintOf(session.id)).toMatchObject({ profile: 'sysadmin', capability: 'SYS_ADMIN', command: 'mount' });
    const listed = (await live.service.api<Session[]>('GET', '/api/sessions')).body.find((s) => s.id === session.id);
    expect(listed?.hint?.profile).toBe('sysadmin');
  });
});
