// The sidecar is killed or removed by someone else (`docker kill`, `docker rm -f`): the session
// ends cleanly (a final state that says what happened, the clients told and closed normally),
// nothing is left, the target is untouched and the service goes on.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { docker, expectNoSidecars, sidecarsOf, Targets } from '../server/engine-fixtures.js';
import type { TermClient } from '../server/term-client.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';
import { ended, expectHealthy, expectSessionWorks, openAtPrompt } from './steps.js';

const targets = new Targets();
const clients: TermClient[] = [];
let service: ServiceProcess;

beforeAll(async () => {
  service = await startServiceProcess();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of (await service.api<Session[]>('GET', routes.sessions)).body) await service.api('DELETE', routes.session(s.id));
  const ids = [...targets.ids];
  targets.removeAll();
  await expectNoSidecars(service.owner, ids);
});
afterAll(async () => {
  if (service) {
    expect(await service.kill('SIGTERM')).toBe(0);
    await expectNoSidecars(service.owner);
  }
  targets.removeAll();
});

describe('the sidecar is ended from outside', () => {
  for (const [how, args] of [
    ['killed (docker kill)', ['kill', '-s', 'KILL']],
    ['removed (docker rm -f)', ['rm', '-f']],
  ] as const) {
    it(`${how}: the session ends with session_ended (not as if its command exited), the target runs on, the next session works`, async () => {
      const target = await targets.start();
      const { session, client } = await openAtPrompt(service, target.name, clients);
      const [sidecar] = sidecarsOf(service.owner, [target.id]);
      expect(sidecar).toBeDefined();
      docker(...args, sidecar as string);

      const error = await client.waitForFrame('error', 30_000);
      expect(error.code).toBe('session_ended');
      expect(client.frames.some((f) => f.type === 'exit')).toBe(false);
      expect(await client.closed).toBe(1000);
      const after = await ended(service, session.id, 'the session to end');
      expect([after.state, after.error?.code, after.exitCode]).toEqual(['exited', 'session_ended', 137]);
      await expectNoSidecars(service.owner, [target.id]);
      expect(docker('inspect', '--format', '{{.State.Running}}', target.id)).toBe('true');

      await expectHealthy(service);
      await expectSessionWorks(service, target.name, clients, 'after-sidecar');
    });
  }
});
