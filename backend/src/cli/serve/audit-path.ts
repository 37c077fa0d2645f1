// Where `cdebug serve` keeps its audit trail unless told: the user's state directory, as the
// XDG base directory spec names it ($XDG_STATE_HOME, else ~/.local/state). Pure.

import { isAbsolute, join } from 'node:path';

export function defaultAuditLog(env: NodeJS.ProcessEnv, home: string): string {
  const state = env.XDG_STATE_HOME && isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, 'cdebug', 'audit.log');
}
