// Turning an HTTP answer (status and body text) into a Result, for either host.

import type { ErrorInfo, Result } from '@cdebug/contract';
import { readErrorBody } from './guards';

/** JSON text to a value; an empty body is `undefined` (a 204). */
export function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The error for a failed answer whose body is not the contract's `{"error": ...}`. */
export function statusError(status: number): ErrorInfo {
  switch (status) {
    case 401:
      return { code: 'unauthorized', message: 'The access token is missing or no longer valid: open the address that cdebug printed when it started.' };
    case 403:
      return { code: 'forbidden', message: 'The cdebug service refused this page: open it through the address that cdebug printed.' };
    case 404:
      return { code: 'not_found', message: 'The cdebug service does not know this request: the page and the service may be different versions.' };
    case 503:
      return { code: 'engine_unreachable', message: 'The container engine does not answer.' };
    default:
      return { code: 'internal', message: `The cdebug service answered with HTTP status ${status}.` };
  }
}

export function resultFromAnswer(status: number, text: string): Result<unknown> {
  const body = parseBody(text);
  if (status >= 200 && status < 300) {
    return body.ok ? body : { ok: false, error: { code: 'internal', message: 'The cdebug service answered with something that is not JSON.' } };
  }
  return { ok: false, error: (body.ok ? readErrorBody(body.value) : null) ?? statusError(status) };
}

/** the file name of `Content-Disposition: attachment; filename="..."`, or null */
export function attachmentName(header: string | null): string | null {
  const match = header === null ? null : /filename="([^"]+)"/.exec(header);
  return match?.[1] ?? null;
}
