// What the session view shows about its attach socket and the session, as a pure reducer over
// the events the socket and the service give: one state per visible message.

import { isFinalState, type ErrorInfo, type PullProgress, type ServerFrame, type Session, type SessionState } from '@cdebug/contract';

export interface AttachView {
  connection: 'connecting' | 'open' | 'lost' | 'closed';
  state: SessionState;
  progress: PullProgress | null;
  exitCode: number | null;
  /** why the session failed or ended (pull error, target stopped...) */
  error: ErrorInfo | null;
  /** an error that does not end the session (a refused control frame): dismissible */
  notice: ErrorInfo | null;
  /** the service no longer knows the session (ended elsewhere, idle timeout) */
  gone: boolean;
}

export type AttachEvent =
  | { type: 'connecting' }
  | { type: 'open' }
  | { type: 'frame'; frame: Exclude<ServerFrame, { type: 'snapshot' }> }
  | { type: 'lost' }
  | { type: 'ended'; session: Session }
  | { type: 'gone' }
  | { type: 'dismiss' };

export function initialView(session: Session): AttachView {
  return {
    connection: 'connecting',
    state: session.state,
    progress: null,
    exitCode: session.exitCode ?? null,
    error: session.error ?? null,
    notice: null,
    gone: false,
  };
}

/** True once nothing more will happen in this session: no reconnecting. */
export function isOver(view: AttachView): boolean {
  return view.gone || isFinalState(view.state);
}

export function reduceAttach(view: AttachView, event: AttachEvent): AttachView {
  switch (event.type) {
    case 'connecting':
      return { ...view, connection: 'connecting' };
    case 'open':
      return { ...view, connection: 'open' };
    case 'lost':
      return { ...view, connection: isOver(view) ? 'closed' : 'lost' };
    case 'ended': {
      const { state, exitCode, error } = event.session;
      return { ...view, connection: 'closed', state, progress: null, exitCode: exitCode ?? view.exitCode, error: error ?? view.error };
    }
    case 'gone':
      return { ...view, connection: 'closed', gone: true, progress: null };
    case 'dismiss':
      return { ...view, notice: null };
    case 'frame':
      return reduceFrame(view, event.frame);
  }
}

function reduceFrame(view: AttachView, frame: Exclude<ServerFrame, { type: 'snapshot' }>): AttachView {
  switch (frame.type) {
    case 'status':
      return { ...view, state: frame.state, progress: frame.state === 'pulling' ? (frame.progress ?? view.progress) : null };
    case 'exit':
      return { ...view, state: view.state === 'failed' ? 'failed' : 'exited', exitCode: frame.code, progress: null };
    case 'error': {
      const info: ErrorInfo = { code: frame.code, message: frame.message };
      // A refused control frame leaves the session as it is; any other error is the session's own.
      return frame.code === 'bad_request' ? { ...view, notice: info } : { ...view, error: info };
    }
  }
}
