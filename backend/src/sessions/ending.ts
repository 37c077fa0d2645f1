// How a session ends, pure: why it ended (the first reason wins), what it then shows (state,
// exit code, error) and what its clients are told (the last frame and the close code).

import { CdebugError, type ErrorInfo, type ServerFrame, type SessionState } from '../contract/index.js';
import type { SidecarExit } from '../runtimes/port.js';

/** WebSocket close codes: normal end, and the service going away */
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;

/** exit statuses of a command killed by SIGKILL / SIGTERM, as when its PID namespace dies */
export const KILLED = new Set([137, 143]);

export type StopRequest = 'deleted' | 'idle' | 'shutdown';

/** Why a session ended. */
export type EndReason =
  | { kind: 'exit'; code: number }
  | { kind: 'target_stopped' }
  /** the sidecar was killed or removed by someone else (docker kill, docker rm -f) */
  | { kind: 'sidecar_gone' }
  /** the engine went away under the session (stopped, restarted, crashed) */
  | { kind: 'engine_gone' }
  | { kind: 'failed'; error: ErrorInfo }
  | { kind: StopRequest };

/** What is known once the sidecar's command has ended, to tell why. */
export interface ExitFacts {
  stopRequest: StopRequest | null;
  result: SidecarExit;
  /** a fresh connection to the engine was refused */
  engineGone: boolean;
  targetStopped: boolean;
  /** the engine reported a kill of the sidecar that the session did not ask for */
  killedFromOutside: boolean;
}

export function whyEnded(facts: ExitFacts): EndReason {
  if (facts.stopRequest) return { kind: facts.stopRequest };
  // the engine's own shutdown stops the target and kills the sidecar too: name the cause
  if (facts.engineGone) return { kind: 'engine_gone' };
  if (facts.result.kind === 'lost') return { kind: 'failed', error: facts.result.error.toInfo() };
  if (facts.targetStopped) return { kind: 'target_stopped' };
  if (facts.killedFromOutside) return { kind: 'sidecar_gone' };
  return { kind: 'exit', code: facts.result.code };
}

/** an exit that may have come from outside the command: worth asking the engine about */
export function suspicious(result: SidecarExit): boolean {
  return result.kind === 'lost' || KILLED.has(result.code);
}

export interface Ending {
  state: SessionState;
  exitCode: number | undefined;
  error: ErrorInfo | undefined;
  /** the frame after the final status; none at shutdown (clients get 1001) */
  last: ServerFrame | null;
  closeCode: number;
  closeReason: string;
}

/** `code`: the command's exit status when the engine reported one */
export function describeEnding(reason: EndReason, targetName: string, code: number | undefined): Ending {
  const ended = (error: CdebugError | null, exitCode: number | undefined): Ending => ({
    state: 'exited',
    exitCode,
    error: error?.toInfo(),
    last: error ? { type: 'error', ...error.toInfo() } : { type: 'exit', code: exitCode ?? 137 },
    closeCode: CLOSE_NORMAL,
    closeReason: 'session ended',
  });
  switch (reason.kind) {
    case 'exit':
      return ended(null, reason.code);
    case 'deleted':
      return ended(null, code);
    case 'target_stopped':
      return ended(new CdebugError('target_stopped', `The target container "${targetName}" stopped, so the session ended.`), undefined);
    case 'sidecar_gone':
      return ended(new CdebugError('session_ended', 'The debugging sidecar was killed or removed from outside cdebug, so the session ended.'), code);
    case 'idle':
      return ended(new CdebugError('session_ended', 'The session ended after a long time with no client attached.'), code);
    case 'engine_gone': {
      const error = new CdebugError(
        'engine_unreachable',
        'The container engine went away while the session was open (stopped or restarted), so the session ended: start a new one once the engine is back.',
      ).toInfo();
      return { ...failed(error), exitCode: code };
    }
    case 'failed':
      return failed(reason.error);
    case 'shutdown':
      return {
        state: 'exited',
        exitCode: code,
        error: new CdebugError('session_ended', 'The service shut down.').toInfo(),
        last: null,
        closeCode: CLOSE_GOING_AWAY,
        closeReason: 'service shutting down',
      };
  }
}

function failed(error: ErrorInfo): Ending {
  return { state: 'failed', exitCode: undefined, error, last: { type: 'error', ...error }, closeCode: CLOSE_NORMAL, closeReason: 'session ended' };
}
