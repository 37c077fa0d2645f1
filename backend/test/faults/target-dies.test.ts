// The target dies under an open session (killed with SIGKILL, or removed outright): the session
// ends with target_stopped, its sidecar is gone, the service stays healthy and the next session
// works.

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

describe('the target dies mid-session', () => {
  for (const [how, kill] of [
    ['killed (SIGKILL)', (id: string) => docker('kill', '-s', 'KILL', id)],
    ['removed (rm -f)', (id: string) => docker('rm', '-f', id)],
  ] as const) {
    it(`${how}: the session ends with target_stopped, its sidecar is gone, the next session works`, async () => {
      const target = await targets.start();
      const { session, client } = await openAtPrompt(service, target.name, clients);
      expect(sidecarsOf(service.owner, [target.id])).toHaveLength(1);
      kill(target.id);

      const error = await client.waitForFrame('error', 30_000);
      expect(error.code).toBe('target_stopped');
      expect(error.message).toContain(target.name);
      expect(await client.closed).toBe(1000);
      const after = await ended(service, session.id, 'the session to end');
      expect([after.state, after.error?.code]).toEqual(['exited', 'target_stopped']);
      await expectNoSidecars(service.owner, [target.id]);

      await expectHealthy(service);
      const next = await targets.start();
      await expectSessionWorks(service, next.name, clients, 'next-session');
    });
  }
});
