// The sidecar is killed or removed by someone else (`docker kill`, `docker rm -f`): the session
// ends cleanly (a final state that says what happened, the clients told and closed normally),
// nothing is left, the target is untouched and the service goes on.

import { describe, expect, it } from 'vitest';
import { docker, expectNoSidecars, sidecarsOf } from '../server/engine-fixtures.js';
import { faultService } from './fault-service.js';
import { ended, expectHealthy, expectSessionWorks, openAtPrompt } from './steps.js';

const fault = faultService();
const { targets, clients } = fault;

describe('the sidecar is ended from outside', () => {
  for (const [how, args] of [
    ['killed (docker kill)', ['kill', '-s', 'KILL']],
    ['removed (docker rm -f)', ['rm', '-f']],
  ] as const) {
    it(`${how}: the session ends with session_ended (not as if its command exited), the target runs on, the next session works`, async () => {
      const { service } = fault;
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
