// The session lifecycle, pure. A session is launching (its toolkit image pulled when missing,
// then its sidecar started), running, stopping (asked to end: DELETE, idle time, shutdown),
// ended, or released (left running for the next instance of the service, at a shutdown that
// keeps sidecars). Each phase carries only what is true in it: only a running or stopping
// session has a sidecar, only a stopping one a stop request, only an ended one a reason.
//
// `step` says what an event does to a phase: the next phase and the I/O it calls for (effects,
// carried out by session.ts), or null when the event does not apply to the phase and is
// ignored. On the wire a session shows pulling -> starting -> running -> exited | failed; it may
// skip pulling (the image is there) and may end from any of the first three.
//
// The sidecar is a type parameter: the machine hands it around and never looks inside.

import { CdebugError, type ErrorInfo, type PullProgress, type SessionState } from '../contract/index.js';
import type { SidecarExit } from '../runtimes/port.js';
import type { EndReason, StopRequest } from './ending.js';
import type { ExitCause } from './sidecar-exit.js';
import type { Size } from './throttle.js';

/** what a session that has not ended shows as its state */
export type LiveState = Exclude<SessionState, 'exited' | 'failed'>;

export interface Launching {
  readonly name: 'launching';
  readonly state: 'pulling' | 'starting';
  /** the pull's latest progress */
  readonly progress: PullProgress | null;
  /** the terminal's size when the launch began: the size the sidecar starts with */
  readonly size: Size;
  /** the engine reported the target's death */
  readonly targetGone: boolean;
}

export interface Running<H> {
  readonly name: 'running';
  readonly sidecar: H;
  /** the engine reported the target's death; this service then stops the sidecar, so a kill
   * of the sidecar that follows is its own */
  readonly targetGone: boolean;
  /** the engine reported a kill of the sidecar that this service did not ask for */
  readonly killedFromOutside: boolean;
}

export interface Stopping<H> {
  readonly name: 'stopping';
  readonly request: StopRequest;
  /** null while the launch is being called off */
  readonly sidecar: H | null;
  /** the state clients were shown when the stop was asked for, shown until the end */
  readonly shown: LiveState;
}

export interface Ended {
  readonly name: 'ended';
  readonly reason: EndReason;
  /** the command's exit status, when the engine reported one */
  readonly code: number | undefined;
}

export interface Released {
  readonly name: 'released';
  readonly shown: LiveState;
}

export type Phase<H> = Launching | Running<H> | Stopping<H> | Ended | Released;

export type LifeEvent<H> =
  | { kind: 'pulled'; progress: PullProgress }
  | { kind: 'starting' }
  | { kind: 'launched'; sidecar: H }
  | { kind: 'launch_failed'; error: ErrorInfo }
  /** a sidecar started by an earlier instance of the service is taken over */
  | { kind: 'adopted'; sidecar: H }
  | { kind: 'target_died' }
  | { kind: 'sidecar_killed' }
  | { kind: 'stop'; request: StopRequest }
  /** removing the sidecar for a stop request failed (the engine does not answer) */
  | { kind: 'stop_failed' }
  /** a sidecar that came too late has been removed */
  | { kind: 'discarded' }
  | { kind: 'release' }
  /** the sidecar's command has ended and its last output is through */
  | { kind: 'exited'; result: SidecarExit }
  | { kind: 'diagnosed'; cause: ExitCause; code: number | undefined };

export type Effect<H> =
  /** tell every client the state it is in now */
  | { kind: 'announce'; state: 'starting' | 'running' }
  /** tell every client how far the pull is */
  | { kind: 'progress'; progress: PullProgress }
  /** call off the launch in progress */
  | { kind: 'abort'; error: CdebugError }
  /** stream the sidecar's output to the clients and wait for its exit; `launchSize` is the size
   * it was started with (null for one taken over, which keeps its own) */
  | { kind: 'wire'; sidecar: H; launchSize: Size | null }
  /** its target died: the sidecar, should it outlive it, is removed (a failure is only logged:
   * the sidecar's exit, or the engine's absence, ends the session) */
  | { kind: 'remove_orphan'; sidecar: H }
  /** a stop was asked for: the sidecar is removed, and its exit ends the session (or `stop_failed`) */
  | { kind: 'remove'; sidecar: H }
  /** a sidecar that came after a stop or a release: removed (retried later when that fails),
   * then `discarded` */
  | { kind: 'discard'; sidecar: H }
  /** ask the engine why the command ended, then `diagnosed` */
  | { kind: 'diagnose'; result: SidecarExit }
  /** close the clients and leave the sidecar to the next instance */
  | { kind: 'release'; sidecar: H | null }
  /** the session has ended: tell and close its clients, remove its sidecar, say so */
  | { kind: 'finish'; sidecar: H | null };

export interface Step<H> {
  readonly phase: Phase<H>;
  readonly effects: ReadonlyArray<Effect<H>>;
}

/** A new session, before its launch: it starts by pulling only when the image is missing. */
export function launching(imagePresent: boolean, size: Size): Launching {
  return { name: 'launching', state: imagePresent ? 'starting' : 'pulling', progress: null, size, targetGone: false };
}

/** The state a session that has not ended shows. */
export function liveState(phase: Exclude<Phase<unknown>, Ended>): LiveState {
  switch (phase.name) {
    case 'launching':
      return phase.state;
    case 'running':
      return 'running';
    case 'stopping':
    case 'released':
      return phase.shown;
  }
}

/** the sidecar a session holds: while running, and while stopping once it has one */
export function sidecarOf<H>(phase: Phase<H>): H | null {
  return phase.name === 'running' || phase.name === 'stopping' ? phase.sidecar : null;
}

/** keystrokes reach the sidecar only while it runs and no stop has been asked for */
export function takesInput(phase: Phase<unknown>): boolean {
  return phase.name === 'running';
}

/** ended or handed over: a client that comes now gets the last frames and is closed */
export function isClosed(phase: Phase<unknown>): boolean {
  return phase.name === 'ended' || phase.name === 'released';
}

export function step<H>(phase: Phase<H>, event: LifeEvent<H>): Step<H> | null {
  switch (phase.name) {
    case 'launching':
      return fromLaunching(phase, event);
    case 'running':
      return fromRunning(phase, event);
    case 'stopping':
      return fromStopping(phase, event);
    case 'released':
      // nothing of it is left to take over: a sidecar that comes now is removed
      return event.kind === 'launched' ? { phase, effects: [{ kind: 'discard', sidecar: event.sidecar }] } : null;
    case 'ended':
      return null;
  }
}

function fromLaunching<H>(phase: Launching, event: LifeEvent<H>): Step<H> | null {
  switch (event.kind) {
    case 'pulled':
      return { phase: { ...phase, progress: event.progress }, effects: [{ kind: 'progress', progress: event.progress }] };
    case 'starting':
      return phase.state === 'pulling' ? { phase: { ...phase, state: 'starting', progress: null }, effects: [{ kind: 'announce', state: 'starting' }] } : null;
    case 'launched':
    case 'adopted': {
      const running: Running<H> = { name: 'running', sidecar: event.sidecar, targetGone: phase.targetGone, killedFromOutside: false };
      const launchSize = event.kind === 'launched' ? phase.size : null;
      const effects: Array<Effect<H>> = [
        { kind: 'wire', sidecar: event.sidecar, launchSize },
        { kind: 'announce', state: 'running' },
      ];
      // clients see each state on the way: a launch that did not say it was starting did
      if (phase.state === 'pulling') effects.unshift({ kind: 'announce', state: 'starting' });
      return { phase: running, effects };
    }
    case 'launch_failed':
      return ended<H>({ kind: 'failed', error: event.error }, undefined, null);
    case 'target_died':
      return phase.targetGone ? null : { phase: { ...phase, targetGone: true }, effects: [] };
    case 'stop':
      return {
        phase: { name: 'stopping', request: event.request, sidecar: null, shown: phase.state },
        effects: [{ kind: 'abort', error: new CdebugError('session_ended', 'The session was ended while it was starting.') }],
      };
    case 'release':
      return {
        phase: { name: 'released', shown: phase.state },
        effects: [
          { kind: 'abort', error: new CdebugError('session_ended', 'The service shut down.') },
          { kind: 'release', sidecar: null },
        ],
      };
    default:
      return null;
  }
}

function fromRunning<H>(phase: Running<H>, event: LifeEvent<H>): Step<H> | null {
  switch (event.kind) {
    case 'target_died':
      if (phase.targetGone) return null;
      return { phase: { ...phase, targetGone: true }, effects: [{ kind: 'remove_orphan', sidecar: phase.sidecar }] };
    case 'sidecar_killed':
      if (phase.targetGone || phase.killedFromOutside) return null;
      return { phase: { ...phase, killedFromOutside: true }, effects: [] };
    case 'stop':
      return {
        phase: { name: 'stopping', request: event.request, sidecar: phase.sidecar, shown: 'running' },
        effects: [{ kind: 'remove', sidecar: phase.sidecar }],
      };
    case 'release':
      return { phase: { name: 'released', shown: 'running' }, effects: [{ kind: 'release', sidecar: phase.sidecar }] };
    case 'exited':
      return { phase, effects: [{ kind: 'diagnose', result: event.result }] };
    case 'diagnosed':
      return ended(event.cause, event.code, phase.sidecar);
    default:
      return null;
  }
}

/** A stop request is the first reason: however the sidecar then ends, the session ends for it. */
function fromStopping<H>(phase: Stopping<H>, event: LifeEvent<H>): Step<H> | null {
  const requested: EndReason = { kind: phase.request };
  switch (event.kind) {
    case 'launched':
      return phase.sidecar === null ? { phase, effects: [{ kind: 'discard', sidecar: event.sidecar }] } : null;
    case 'launch_failed':
    case 'discarded':
      return phase.sidecar === null ? ended<H>(requested, undefined, null) : null;
    case 'stop_failed':
      return phase.sidecar === null ? null : ended(requested, undefined, phase.sidecar);
    case 'exited':
      return ended(requested, exitCode(event.result), phase.sidecar);
    case 'diagnosed':
      return ended(requested, event.code, phase.sidecar);
    case 'release':
      return { phase: { name: 'released', shown: phase.shown }, effects: [{ kind: 'release', sidecar: phase.sidecar }] };
    default:
      return null;
  }
}

function ended<H>(reason: EndReason, code: number | undefined, sidecar: H | null): Step<H> {
  return { phase: { name: 'ended', reason, code }, effects: [{ kind: 'finish', sidecar }] };
}

/** the command's exit status, when the engine reported one */
export function exitCode(result: SidecarExit): number | undefined {
  return result.kind === 'exited' ? result.code : undefined;
}
