// What `cdebug exec` makes of its sidecar's end: the command's own status when the command
// chose it, else one of cdebug's errors (status 125) that says what happened. Why the command
// ended is told as the service tells it (sessions/sidecar-exit.ts); this is only the wording.

import { CdebugError } from '../../contract/index.js';
import type { ExitCause } from '../../sessions/sidecar-exit.js';

export type ExecOutcome = { ok: true; status: number } | { ok: false; error: CdebugError };

export function execOutcome(cause: ExitCause, targetName: string): ExecOutcome {
  switch (cause.kind) {
    case 'exit':
      return { ok: true, status: cause.code };
    // A sidecar shares the target's PID namespace: when the target stops, its command is
    // killed with it. Say so instead of passing on a bare 137.
    case 'target_stopped':
      return { ok: false, error: new CdebugError('target_stopped', `Container "${targetName}" stopped, which ended the session.`) };
    case 'engine_gone':
      return {
        ok: false,
        error: new CdebugError(
          'engine_unreachable',
          'The container engine went away while the command ran (stopped or restarted), which ended the session: run it again once the engine is back.',
        ),
      };
    case 'sidecar_gone':
      return { ok: false, error: new CdebugError('session_ended', 'The debugging sidecar was killed or removed from outside cdebug, so the session ended.') };
    case 'lost':
      return { ok: false, error: cause.error };
  }
}
