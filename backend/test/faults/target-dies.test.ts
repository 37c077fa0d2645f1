// The target dies under an open session (killed with SIGKILL, or removed outright): the session
// ends with target_stopped, its sidecar is gone, the service stays healthy and the next session
// works.

import { describe, expect, it } from 'vitest';
import { docker, expectNoSidecars, sidecarsOf } from '../server/engine-fixtures.js';
import { faultService } from './fault-service.js';
import { ended, expectHealthy, expectSessionWorks, openAtPrompt } from './steps.js';

const fault = faultService();
const { targets, clients } = fault;

describe('the target dies mid-session', () => {
  for (const [how, kill] of [
    ['killed (SIGKILL)', (id: string) => docker('kill', '-s', 'KILL', id)],
    ['removed (rm -f)', (id: string) => docker('rm', '-f', id)],
  ] as const) {
    it(`${how}: the session ends with target_stopped, its sidecar is gone, the next session works`, async () => {
      const { service } = fault;
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
