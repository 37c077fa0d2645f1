// How a sidecar's command ended, told the same way by the service's sessions (session.ts) and by
// `cdebug exec` (cli/exec/exec.ts), which watch the same engine:
//
// - the drain: the engine's wait can answer before the attach stream has delivered the last
//   bytes the command printed, so both wait for the stream's end, for a bounded time;
// - the diagnosis: the exit status alone cannot say why a command ended. 137 is as much a shell
//   killed by its user as a target that stopped (the sidecar shares its PID namespace), a
//   sidecar killed from outside, or an engine shutting down. An exit the command may not have
//   chosen is asked about, of the engine (through an `ExitWitness`), and the answers are
//   weighed in one order of precedence (`causeOf`, pure).
//
// A stop that the caller asked for (DELETE, idle, shutdown; Ctrl-C on the CLI) is the caller's
// to put first: it is decided before any of this is asked (sessions/lifecycle.ts, cli/exec/exec.ts).

import type { Readable } from 'node:stream';
import type { CdebugError } from '../contract/index.js';
import type { SidecarExit } from '../runtimes/port.js';
import type { TargetState } from '../runtimes/port.js';

/** how long after the exit the command's last output may take to arrive */
export const DRAIN_TIMEOUT_MS = 2000;

/** exit statuses of a command killed by SIGKILL / SIGTERM, as when its PID namespace dies */
export const KILLED: ReadonlySet<number> = new Set([137, 143]);

// ---- the drain

export interface OutputDrain {
  /** settles once the output has ended (or failed), or after `timeoutMs` */
  settled(timeoutMs?: number): Promise<void>;
}

/** Watches a sidecar's output for its end. Call it before the output is read: an end that
 * comes first would otherwise go unseen, and every drain would wait its full time. */
export function watchDrain(output: Readable): OutputDrain {
  const ended = new Promise<void>((resolve) => {
    output.once('end', resolve);
    output.once('close', resolve);
    output.once('error', () => resolve());
  });
  return {
    settled: (timeoutMs = DRAIN_TIMEOUT_MS) => Promise.race([ended, delay(timeoutMs)]),
  };
}

// ---- the diagnosis

/** Why a sidecar's command ended, once the engine has been asked. */
export type ExitCause =
  /** the command ended on its own, with this status */
  | { kind: 'exit'; code: number }
  | { kind: 'target_stopped' }
  /** the sidecar was killed or removed by someone else (docker kill, docker rm -f) */
  | { kind: 'sidecar_gone' }
  /** the engine went away under the command (stopped, restarted, crashed) */
  | { kind: 'engine_gone' }
  /** the engine never said how the command ended */
  | { kind: 'lost'; error: CdebugError };

/** What is known once the sidecar's command has ended. */
export interface ExitFacts {
  result: SidecarExit;
  /** a fresh connection to the engine was refused */
  engineGone: boolean;
  targetStopped: boolean;
  /** the engine reported a kill of the sidecar that its owner did not ask for */
  killedFromOutside: boolean;
}

/** The first cause wins; one from outside the command is never shown as the command's own exit. */
export function causeOf(facts: ExitFacts): ExitCause {
  // the engine's own shutdown stops the target and kills the sidecar too: name the cause
  if (facts.engineGone) return { kind: 'engine_gone' };
  if (facts.result.kind === 'lost') return { kind: 'lost', error: facts.result.error };
  if (facts.targetStopped) return { kind: 'target_stopped' };
  if (facts.killedFromOutside) return { kind: 'sidecar_gone' };
  return { kind: 'exit', code: facts.result.code };
}

/** an exit that may have come from outside the command: worth asking the engine about */
export function suspicious(result: SidecarExit): boolean {
  return result.kind === 'lost' || KILLED.has(result.code);
}

/** What the diagnosis asks of the engine, and what its owner has heard from it already. */
export interface ExitWitness {
  /** throws when the engine cannot tell */
  targetState(): Promise<TargetState>;
  /** true when a new connection to the engine gets an answer (one shutting down refuses them) */
  engineAnswers(): Promise<boolean>;
  /** the engine reported the target's death (always false where no events are watched) */
  targetGone(): boolean;
  /** the engine reported a kill of the sidecar that its owner did not ask for */
  killedFromOutside(): boolean;
  /** how long to watch a killed sidecar's target for its own stop */
  readonly targetCheckMs: number;
  /** the target could not be inspected: the exit is taken as the command's own */
  inspectFailed(err: unknown): void;
}

/**
 * Asks the engine only about an exit the command may not have chosen (a lost wait, a status a
 * kill gives) or one that follows a reported death of the target: a plain exit costs nothing.
 */
export async function diagnoseExit(result: SidecarExit, w: ExitWitness): Promise<ExitCause> {
  const worthAsking = suspicious(result) || w.targetGone();
  // a dockerd refuses new connections from the start of its shutdown, before it stops any container
  const engineGone = worthAsking && !(await w.engineAnswers());
  const targetStopped = worthAsking && !engineGone && result.kind === 'exited' && (await targetStoppedAfter(w));
  return causeOf({ result, engineGone, targetStopped, killedFromOutside: w.killedFromOutside() });
}

/** the sidecar shares the target's PID namespace: when the target dies, so does it, and the
 * engine may report the target's state a moment after the sidecar's exit */
async function targetStoppedAfter(w: ExitWitness): Promise<boolean> {
  const deadline = Date.now() + w.targetCheckMs;
  for (;;) {
    if (w.targetGone()) return true;
    try {
      if ((await w.targetState()) !== 'running') return true;
    } catch (err) {
      w.inspectFailed(err);
      return false;
    }
    // the engine said who killed the sidecar: no need to wait for the target
    if (w.killedFromOutside() || Date.now() >= deadline) return false;
    // not unref'd: in `cdebug exec` nothing else may be left to keep the process alive until
    // the answer (it would exit 0 half-way); the wait is bounded anyway
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** a bounded wait that never holds a process open on its own */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
