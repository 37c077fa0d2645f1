// The session lifecycle, pure: pulling -> starting -> running -> exited | failed.
// A session may skip pulling (the image is there) and may end from any live state
// (DELETE or shutdown while pulling, a failed start, the command's exit).

import type { SessionState } from '../contract/index.js';

const NEXT: Record<SessionState, readonly SessionState[]> = {
  pulling: ['starting', 'exited', 'failed'],
  starting: ['running', 'exited', 'failed'],
  running: ['exited', 'failed'],
  exited: [],
  failed: [],
};

export function canMove(from: SessionState, to: SessionState): boolean {
  return NEXT[from].includes(to);
}

/** The state a new session starts in. */
export function initialState(imagePresent: boolean): SessionState {
  return imagePresent ? 'starting' : 'pulling';
}
