// What `cdebug exec` can tell the exit diagnosis (sessions/sidecar-exit.ts) about its target and
// its engine. It watches no events (a command's start would pay for the stream): the engine's
// word on the target comes from inspecting it, and whether the engine is still there from a
// probe on a fresh connection (runtimes/docker/api/connect.ts's engineAnswers).

import { engineStatus } from '../runtimes/docker/api/errors.js';
import type { ExitWitness } from '../sessions/sidecar-exit.js';

/** the part of a container's inspect data this reads */
interface Inspected {
  State: { Running?: boolean; Paused?: boolean };
}

/** `answers` must dial afresh: an engine shutting down refuses new connections while it still
 * serves the kept-alive one that `inspect` may use */
export function execWitness(inspect: (id: string) => Promise<Inspected>, answers: () => Promise<boolean>, targetId: string): ExitWitness {
  return {
    engineAnswers: answers,
    async targetState() {
      try {
        const info = await inspect(targetId);
        return info.State.Running === true && info.State.Paused !== true ? 'running' : 'stopped';
      } catch (err) {
        if (engineStatus(err) === 404) return 'gone';
        throw err;
      }
    },
    targetGone: () => false,
    killedFromOutside: () => false,
    // no event can cut the wait short: a bare `kill -9` of the command waits this long
    targetCheckMs: 1000,
    inspectFailed: () => undefined,
  };
}
