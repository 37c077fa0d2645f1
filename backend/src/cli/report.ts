// One line on stderr that says what went wrong and what to do; exit status 125.

import { isCdebugError } from '../contract/index.js';
import type { Io } from './command.js';
import { EXIT } from './exit-codes.js';

export function reportError(io: Pick<Io, 'stderr'>, err: unknown): number {
  const message = isCdebugError(err) ? err.message : `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  io.stderr.write(`cdebug: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return EXIT.cdebug;
}
