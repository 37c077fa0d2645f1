// What `cdebug exec` can tell the exit diagnosis (sessions/sidecar-exit.ts) about its target and
// its engine. It watches no events (a command's start would pay for the stream): the engine's
// word on the target comes from inspecting it, and whether the engine is still there from
// whether it answers at all.

import { engineStatus } from '../engine/errors.js';
import type { ExitWitness } from '../sessions/sidecar-exit.js';

/** the part of a container's inspect data this reads */
interface Inspected {
  State: { Running?: boolean; Paused?: boolean };
}

/** `inspect` reaches the engine over a connection of its own (cdebug's client opens one per
 * call): an engine shutting down refuses it, where a pooled one might still be served */
export function execWitness(inspect: (id: string) => Promise<Inspected>, targetId: string): ExitWitness {
  return {
    async engineAnswers() {
      try {
        await inspect(targetId);
        return true;
      } catch (err) {
        // any answer of the engine's own, a 404 too, says it is there
        return engineStatus(err) !== undefined;
      }
    },
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
