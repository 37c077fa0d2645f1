// What `cdebug exec` can tell the exit diagnosis (sessions/sidecar-exit.ts) about its target and
// its engine, through the runtime port. It watches no events (a command's start would pay for the
// stream): the engine's word on the target comes from the port's targetState, and whether the
// engine is still there from its `answers`, a probe on a fresh connection.

import type { SessionEngine } from '../../runtimes/port.js';
import type { ExitWitness } from '../../sessions/sidecar-exit.js';

/** `runtime.answers` must dial afresh: an engine shutting down refuses new connections while it
 * still serves the kept-alive one that targetState may use */
export function execWitness(runtime: Pick<SessionEngine, 'targetState' | 'answers'>, targetId: string): ExitWitness {
  return {
    engineAnswers: () => runtime.answers(),
    targetState: () => runtime.targetState(targetId),
    targetGone: () => false,
    killedFromOutside: () => false,
    // no event can cut the wait short: a bare `kill -9` of the command waits this long
    targetCheckMs: 1000,
    inspectFailed: () => undefined,
  };
}
