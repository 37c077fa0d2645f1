// Why did a sidecar's command end? The exit status alone cannot say: 137 is as much a shell
// killed by its user as a target that stopped (the sidecar shares its PID namespace), a sidecar
// killed from outside, or an engine shutting down. This asks the engine, in that order of
// precedence (ending.ts), and answers with the reason the session shows.

import type { SidecarExit } from '../runtimes/port.js';
import type { SessionEngine } from '../runtimes/port.js';
import { type EndReason, KILLED, type StopRequest, suspicious, whyEnded } from './ending.js';
import type { SessionLog } from './terminal.js';

export interface ExitWitness {
  readonly sessionId: string;
  readonly targetId: string;
  readonly engine: SessionEngine;
  readonly log: SessionLog;
  /** how long to watch a killed sidecar's target for its own stop */
  readonly targetCheckMs: number;
  stopRequest(): StopRequest | null;
  /** the engine reported the target's death */
  targetGone(): boolean;
  /** the engine reported a kill of the sidecar that the session did not ask for */
  killedFromOutside(): boolean;
}

export async function whyExited(result: SidecarExit, w: ExitWitness): Promise<EndReason> {
  const stopRequest = w.stopRequest();
  // an end the command did not choose: was it the engine going away? (a dockerd refuses new
  // connections from the start of its shutdown, before it stops any container)
  const engineGone = !stopRequest && (suspicious(result) || w.targetGone()) && !(await w.engine.answers());
  const targetStopped = !stopRequest && !engineGone && result.kind === 'exited' && (await targetStoppedAfter(result.code, w));
  return whyEnded({ stopRequest, result, engineGone, targetStopped, killedFromOutside: w.killedFromOutside() });
}

/** the sidecar shares the target's PID namespace: when the target dies, so does it, and the
 * engine may report the target's state a moment after the sidecar's exit */
async function targetStoppedAfter(code: number, w: ExitWitness): Promise<boolean> {
  const deadline = Date.now() + (KILLED.has(code) ? w.targetCheckMs : 0);
  for (;;) {
    if (w.targetGone()) return true;
    try {
      if ((await w.engine.targetState(w.targetId)) !== 'running') return true;
    } catch (err) {
      w.log.warn({ err, session: w.sessionId }, 'could not inspect the target');
      return false;
    }
    // the engine said who killed the sidecar: no need to wait for the target
    if (w.killedFromOutside() || Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100).unref());
  }
}
