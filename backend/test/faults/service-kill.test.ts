// The service is killed (SIGKILL: no shutdown code runs) with live sessions, then started again
// on the same address, so with the same owner label. Its running sidecars are sessions again,
// their screens refilled with what they printed while it was down, and they take input; what
// cannot be a session any more (a sidecar that never started, one whose target died meanwhile)
// is gone. Nothing of its own is left once the second instance stops.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { BUSYBOX } from '../helpers/docker.js';
import { LABELS, sessionFilter } from '../kit/engine.js';
import { docker, expectNoSidecars, poll, sidecarsOf, Targets } from '../server/engine-fixtures.js';
import { TermClient } from '../server/term-client.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';
import { openAtPrompt } from './steps.js';

const targets = new Targets();
const clients: TermClient[] = [];
const services: ServiceProcess[] = [];
const owners = new Set<string>();

async function service(port?: number): Promise<ServiceProcess> {
  const s = await startServiceProcess(port === undefined ? {} : { port });
  services.push(s);
  owners.add(s.owner);
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of services.splice(0)) await s.kill('SIGTERM');
  const ids = [...targets.ids];
  targets.removeAll();
  for (const owner of owners) {
    for (const id of sidecarsOf(owner, ids)) docker('rm', '-f', id);
    await expectNoSidecars(owner, ids);
  }
});
const scratch = mkdtempSync(join(tmpdir(), 'cdebug-faults-'));
const goOn = join(scratch, 'go-on');
writeFileSync(goOn, 'go\n');
afterAll(() => {
  targets.removeAll();
  rmSync(scratch, { recursive: true, force: true });
});

/** the sidecar of one session, by its session label */
function sidecarOf(sessionId: string): string | undefined {
  return docker('ps', '-a', '-q', '--no-trunc', '--filter', sessionFilter(sessionId)).split('\n').find(Boolean);
}

describe('the service is killed with live sessions', () => {
  it('re-adopts the running sidecars with their output since, removes the rest, and leaves none behind', async () => {
    const first = await service();
    const [busy, quiet, doomed] = [await targets.start(), await targets.start(), await targets.start()];

    // a session that goes on printing while the service is dead
    const a = await openAtPrompt(first, busy.name, clients);
    // it prints its second marker once a file appears in the target, put there while the
    // service is dead
    a.client.type('echo before-$((40+1)); until [ -e /tmp/go-on ]; do sleep 0.1; done; echo while-down-$((40+2))\r');
    await a.client.waitFor(/^before-41$/m, 'the first marker');
    // a quiet one, and one whose target dies while the service is down
    const b = await openAtPrompt(first, quiet.name, clients);
    b.client.type('echo quiet-$((40+3))\r');
    await b.client.waitFor(/^quiet-43$/m, 'the quiet marker');
    const c = await openAtPrompt(first, doomed.name, clients);
    // a sidecar the service created but never started (killed in between): labelled as its own
    const stillborn = docker(
      'create',
      '--label',
      `${LABELS.session}=stillborn`,
      '--label',
      `${LABELS.owner}=${first.owner}`,
      '--label',
      `${LABELS.target}=${quiet.id}`,
      '--network',
      'none',
      BUSYBOX,
      'true',
    );

    expect(await first.kill('SIGKILL')).toBe('SIGKILL');
    docker('cp', goOn, `${busy.id}:/tmp/go-on`);
    docker('kill', doomed.id);
    const aSidecar = sidecarOf(a.session.id) as string;
    await poll(
      () => docker('logs', aSidecar),
      (logs) => /while-down-42/.test(logs),
      'the marker printed while the service was dead',
      30_000,
    );
    // the engine ended c's sidecar with its target (same PID namespace) and removed it
    await poll(
      () => sidecarOf(c.session.id),
      (id) => id === undefined,
      "the doomed target's sidecar to go",
    );

    const second = await service(first.port);
    expect(second.owner).toBe(first.owner);
    const listed = (await second.api<Session[]>('GET', routes.sessions)).body;
    expect(listed.map((s) => [s.id, s.state]).sort()).toEqual(
      [
        [a.session.id, 'running'],
        [b.session.id, 'running'],
      ].sort(),
    );
    expect(docker('ps', '-a', '-q', '--filter', `id=${stillborn}`)).toBe('');
    expect(sidecarsOf(first.owner).sort()).toEqual([aSidecar.slice(0, 12), (sidecarOf(b.session.id) as string).slice(0, 12)].sort());

    const again = await TermClient.open(second.wsUrl(a.session.id));
    clients.push(again);
    expect((await again.waitForFrame('snapshot')).type).toBe('snapshot');
    await again.waitFor(/^while-down-42$/m, 'the output printed while the service was dead');
    again.type('echo adopted-$((40+4))\r');
    await again.waitFor(/^adopted-44$/m, 'live output from the re-adopted sidecar');
    const quietAgain = await TermClient.open(second.wsUrl(b.session.id));
    clients.push(quietAgain);
    await quietAgain.waitFor(/^quiet-43$/m, 'the quiet screen refilled');

    // no orphan: the second instance ends what it took over when it stops
    services.splice(services.indexOf(second), 1);
    expect(await second.kill('SIGTERM')).toBe(0);
    await expectNoSidecars(first.owner, [busy.id, quiet.id, doomed.id]);
  });
});
