// A restart of the service: its running sidecars are taken over again, screen included;
// another owner's sidecars are left alone.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { docker, expectNoSidecars, poll, sidecarsOf, Targets } from './engine-fixtures.js';
import { type LiveService, startService, testOwner } from './live-service.js';
import { TermClient } from './term-client.js';

const owner = testOwner('restart');
const otherOwner = testOwner('restart-other');
const targets = new Targets();
const services: LiveService[] = [];
const clients: TermClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of services.splice(0)) await s.close();
  const ids = [...targets.ids];
  targets.removeAll();
  for (const id of [...sidecarsOf(owner, ids), ...sidecarsOf(otherOwner, ids)]) {
    try {
      docker('rm', '-f', id);
    } catch {
      // gone
    }
  }
  await expectNoSidecars(owner, ids);
  await expectNoSidecars(otherOwner, ids);
});
afterAll(() => targets.removeAll());

async function service(who: string, keep: boolean): Promise<LiveService> {
  const s = await startService(who, { keepSessionsOnClose: keep });
  services.push(s);
  return s;
}

async function stop(s: LiveService): Promise<void> {
  services.splice(services.indexOf(s), 1);
  await s.close();
}

describe('restart', () => {
  it('re-adopts a live sidecar with its screen, and it still takes input', async () => {
    const target = await targets.start();
    const first = await service(owner, true);
    const session = await first.createSession({ target: target.name });
    const client = await TermClient.open(first.wsUrl(session.id));
    clients.push(client);
    await client.waitFor(/#$/, 'the prompt');
    client.type('echo before-restart-$((40+2))\r');
    await client.waitFor(/^before-restart-42$/m, 'the marker');
    await stop(first);
    expect(await client.closed).toBe(1001);
    expect(sidecarsOf(owner, [target.id])).toHaveLength(1);

    const second = await service(owner, false);
    const list = (await second.api<Session[]>('GET', routes.sessions)).body;
    expect(list.map((s) => [s.id, s.state, s.target.id])).toEqual([[session.id, 'running', target.id]]);
    expect(list[0]?.image).toBe('busybox:latest');

    const again = await TermClient.open(second.wsUrl(session.id));
    clients.push(again);
    await again.waitForFrame('snapshot');
    await again.waitFor(/^before-restart-42$/m, 'the marker refilled from the sidecar output');
    again.type('echo after-restart-$((40+3))\r');
    await again.waitFor(/^after-restart-43$/m, 'live output from the adopted sidecar');

    // the second instance ends what it took over
    await stop(second);
    await poll(
      () => sidecarsOf(owner, [target.id]),
      (left) => left.length === 0,
      'the adopted sidecar removed at shutdown',
    );
  });

  it('leaves the sidecars of another owner alone', async () => {
    const target = await targets.start();
    const other = await service(otherOwner, true);
    const session = await other.createSession({ target: target.name });
    await poll(
      () => other.session(session.id),
      (s) => s.state === 'running',
      'running',
    );
    await stop(other);
    const theirs = sidecarsOf(otherOwner, [target.id]);
    expect(theirs).toHaveLength(1);

    const mine = await service(owner, false);
    expect((await mine.api<Session[]>('GET', routes.sessions)).body).toEqual([]);
    await stop(mine);
    expect(sidecarsOf(otherOwner, [target.id])).toEqual(theirs);
  });
});
