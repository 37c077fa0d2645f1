// Coded errors and results: the error body every boundary carries, the class that I/O code
// throws, and the value that pure functions return. The codes are in catalogue.ts.

import { ERROR_CATALOGUE, isErrorCode, statusOf, type ErrorCode } from './catalogue.js';
import type { ErrorBody as ErrorBodySchema, ErrorInfo as ErrorInfoSchema } from './schema/common.js';
import type { Static } from 'typebox';

export { ERROR_CATALOGUE, ERROR_CODES, isErrorCode, statusOf, type ErrorCode } from './catalogue.js';

/** What crosses every boundary: HTTP bodies, WebSocket frames, the CLI's stderr line. */
export type ErrorInfo = Static<typeof ErrorInfoSchema>;

/** `{"error": {"code", "message"}}`: every refusal of the service. */
export type ErrorBody = Static<typeof ErrorBodySchema>;

/** A coded error: thrown by I/O code, turned into `ErrorInfo` at the edges. */
export class CdebugError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string = ERROR_CATALOGUE[code].message, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CdebugError';
    this.code = code;
  }

  get status(): number {
    return statusOf(this.code);
  }

  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/**
 * A CdebugError made by this copy of the class or by another: `cdebug serve` runs the service
 * from a bundle of its own, with its own copy of this module, and the errors it throws reach
 * the CLI's report, where `instanceof` would call them unexpected.
 */
export function isCdebugError(err: unknown): err is CdebugError {
  return err instanceof CdebugError || (err instanceof Error && err.name === 'CdebugError' && isErrorCode((err as { code?: unknown }).code));
}

/** Pure functions return this instead of throwing. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message?: string): Result<T> => ({
  ok: false,
  error: { code, message: message ?? ERROR_CATALOGUE[code].message },
});
