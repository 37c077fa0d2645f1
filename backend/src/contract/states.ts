// The states a session goes through, as the contract names them. Plain values: the schemas
// (schema/common.ts) and the light entry of the contract (index.ts) both read them.

export const SESSION_STATES = ['pulling', 'starting', 'running', 'exited', 'failed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export function isFinalState(state: SessionState): boolean {
  return state === 'exited' || state === 'failed';
}
