// How a session ends, pure: what it shows once it has ended (state, exit code, error) and what
// its clients are told (the last frame and the close code). Why it ended is the lifecycle's
// (lifecycle.ts) and the exit diagnosis's (sidecar-exit.ts).

import { CdebugError, type ErrorInfo, type ServerFrame, type SessionState } from '../contract/index.js';
import type { ExitCause } from './sidecar-exit.js';

/** WebSocket close codes: normal end, and the service going away */
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;

export type StopRequest = 'deleted' | 'idle' | 'shutdown';

/** Why a session ended: its sidecar's command ended (for a cause sidecar-exit.ts tells), it
 * could not be started, or it was asked to stop. */
export type EndReason = ExitCause | { kind: 'failed'; error: ErrorInfo } | { kind: StopRequest };

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
    case 'lost':
      return failed(reason.error.toInfo());
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
