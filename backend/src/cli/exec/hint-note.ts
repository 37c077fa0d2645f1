// `cdebug exec`'s profile hint: the command's output (and its stderr, without a pty) watched as a
// session's is (sessions/hints/), and one line on stderr after the command ends and the terminal
// is restored, never in the middle of the command's own output, where it would be mixed into a
// line or drawn over by a full-screen program.

import type { Readable } from 'node:stream';
import type { ProfileHint } from '../../contract/index.js';
import { heldIn, HintWatch } from '../../sessions/hints/hint-watch.js';
import type { SessionInfo } from '../../runtimes/port.js';

/** watches each stream on its own (their lines interleave); answers the latest hint seen */
export function watchHints(
  info: Pick<SessionInfo, 'privileges' | 'privileged' | 'user'>,
  streams: readonly (Readable | null | undefined)[],
): () => ProfileHint | null {
  let latest: ProfileHint | null = null;
  for (const stream of streams) {
    if (!stream) continue;
    const watch = new HintWatch(heldIn(info));
    stream.on('data', (chunk: Buffer) => {
      if (watch.feed(chunk)) latest = watch.current;
    });
  }
  return () => latest;
}

/** the line on stderr: the refusal, and the flag that would allow it */
export function hintNote(hint: ProfileHint): string {
  const eperm = 'Operation not permitted';
  const why = hint.message.includes(eperm) ? eperm : hint.message.replace(`${hint.command}: `, '');
  return `cdebug: ${hint.command} was refused (${why}): it needs ${hint.capability}; run again with --profile ${hint.profile}\n`;
}
