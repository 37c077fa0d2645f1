// How sessions end on a real engine: DELETE, the target stopping under the shell, and a
// toolkit image that cannot be pulled. Each time nothing is left behind.
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/contract/index.js';
import { docker, expectNoSidecars, poll, sidecarsOf } from './engine-fixtures.js';
import { useLiveService } from './live-suite.js';
import { TermClient } from './term-client.js';

const live = useLiveService('lifecycle');
const { owner, targets, clients } = live;

async function running() {
  const target = await targets.start();
  const session = await live.service.createSession({ target: target.name });
  const client = await TermClient.open(live.service.wsUrl(session.id));
  clients.push(client);
  await client.waitFor(/#$/, 'the prompt');
  return { target, session, client };
}

describe('session endings', () => {
  it('DELETE ends the session, removes its sidecar before answering, and forgets it', async () => {
    const { target, session, client } = await running();
    expect(sidecarsOf(owner, [target.id])).toHaveLength(1);
    const res = await live.service.api('DELETE', routes.session(session.id));
    expect(res.status).toBe(204);
    expect(sidecarsOf(owner, [target.id])).toHaveLength(0);
    expect((await client.waitForFrame('exit')).type).toBe('exit');
    expect(await client.closed).toBe(1000);
    const gone = await live.service.api<{ error: { code: string } }>('GET', routes.session(session.id));
    expect([gone.status, gone.body.error.code]).toEqual([404, 'session_not_found']);
    // the target itself is untouched
    expect(docker('inspect', '--format', '{{.State.Running}}', target.id)).toBe('true');
  });

  it('ends with target_stopped when the target stops mid-session', async () => {
    const { target, session, client } = await running();
    docker('stop', '-t', '1', target.id);
    const error = await client.waitForFrame('error', 30_000);
    expect(error.code).toBe('target_stopped');
    expect(await client.closed).toBe(1000);
    const after = await poll(
      () => live.service.session(session.id),
      (s) => s.state === 'exited',
      'the session to end',
    );
    expect(after.error?.code).toBe('target_stopped');
    await expectNoSidecars(owner, [target.id]);
  });

  it('ends in failed / image_pull_failed when the toolkit cannot be pulled, with nothing started', async () => {
    const target = await targets.start();
    const session = await live.service.createSession({ target: target.name, image: '127.0.0.1:1/nope:latest' });
    expect(session.state).toBe('pulling');
    const client = await TermClient.open(live.service.wsUrl(session.id));
    clients.push(client);
    const after = await poll(
      () => live.service.session(session.id),
      (s) => s.state === 'failed',
      'the session to fail',
      60_000,
    );
    expect(after.error?.code).toBe('image_pull_failed');
    expect((await client.waitForFrame('error')).code).toBe('image_pull_failed');
    expect(await client.closed).toBe(1000);
    expect(sidecarsOf(owner, [target.id])).toHaveLength(0);
  });

  // a stopped target is debugged in a copy of it now: sessions-stopped.test.ts
  it('refuses at once a missing target, starting nothing', async () => {
    const target = await targets.start();
    const missing = await live.service.api<{ error: { code: string } }>('POST', routes.sessions, { target: 'cdebug-no-such-container' });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'target_not_found']);
    expect(sidecarsOf(owner, [target.id])).toHaveLength(0);
  });
});
