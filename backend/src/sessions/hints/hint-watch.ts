// Watches a session's output for refused commands (lines.ts, refusals.ts) and keeps the hint to
// show (profile-hint.ts). Bounded: one partial line of state, one hint. A hint changes only for
// another program or another profile, so a loop that is refused a thousand times tells the
// session's watchers once.

import { DEFAULT_PROFILE, type ProfileHint } from '../../contract/index.js';
import type { SessionInfo } from '../../runtimes/port.js';
import { LineScanner } from './lines.js';
import { type HeldPrivileges, hintFor } from './profile-hint.js';
import { mayBeRefusal, refusalIn } from './refusals.js';

/** what a session's sidecar holds; one described without its privileges ran the default profile */
export function heldIn(info: Pick<SessionInfo, 'privileges' | 'privileged' | 'user'>): HeldPrivileges {
  const privileges = info.privileges ?? { profile: info.privileged ? 'sysadmin' : DEFAULT_PROFILE, capAdd: info.privileged ? [] : ['SYS_PTRACE'], capDrop: [] };
  return { ...privileges, privileged: info.privileged, user: info.user };
}

export class HintWatch {
  private readonly lines = new LineScanner(mayBeRefusal);
  private hint: ProfileHint | null = null;

  constructor(private readonly held: HeldPrivileges) {}

  get current(): ProfileHint | null {
    return this.hint;
  }

  /** reads a chunk of output; true when the hint changed */
  feed(chunk: Uint8Array): boolean {
    let changed = false;
    for (const line of this.lines.push(chunk)) {
      const refusal = refusalIn(line);
      if (!refusal) continue;
      const hint = hintFor(refusal, this.held);
      if (!hint || (this.hint?.profile === hint.profile && this.hint.command === hint.command)) continue;
      this.hint = hint;
      changed = true;
    }
    return changed;
  }
}
