// What a session shows of its phase, pure: its state on the wire, the status frame a client
// gets, and, once it has ended, how it tells its end (ending.ts words it).

import type { ServerFrame, SessionState } from '../contract/index.js';
import { describeEnding, type Ending } from './ending.js';
import { liveState, type Phase } from './lifecycle.js';

/** how an ended session shows its end; null before. `targetName` is for the words only. */
export function endingOf(phase: Phase<unknown>, targetName: string): Ending | null {
  return phase.name === 'ended' ? describeEnding(phase.reason, targetName, phase.code) : null;
}

export function shownState(phase: Phase<unknown>, targetName: string): SessionState {
  return phase.name === 'ended' ? describeEnding(phase.reason, targetName, phase.code).state : liveState(phase);
}

/** the state, with the pull's progress while pulling */
export function statusFrame(phase: Phase<unknown>, targetName: string): ServerFrame {
  const progress = phase.name === 'launching' && phase.state === 'pulling' ? phase.progress : null;
  return { type: 'status', state: shownState(phase, targetName), ...(progress ? { progress } : {}) };
}

/** the frame that says how the session ended, for clients attached then or later */
export function lastFrame(phase: Phase<unknown>, targetName: string): ServerFrame | null {
  const ending = endingOf(phase, targetName);
  if (ending?.error) return { type: 'error', code: ending.error.code, message: ending.error.message };
  if (ending?.exitCode !== undefined) return { type: 'exit', code: ending.exitCode };
  return null;
}
