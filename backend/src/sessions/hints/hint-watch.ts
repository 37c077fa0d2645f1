// Watches a session's output for refused commands (lines.ts, refusals.ts) and keeps the hint to
// show (profile-hint.ts). Bounded: one partial line of state, one hint. A hint changes only for
// another program or another profile, so a loop that is refused a thousand times tells the
// session's watchers once.

import type { ProfileHint } from '../../contract/index.js';
import { LineScanner } from './lines.js';
import { type HeldPrivileges, hintFor } from './profile-hint.js';
import { mayBeRefusal, refusalIn } from './refusals.js';

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
