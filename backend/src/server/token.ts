// The access token: made at start when none is given, compared in constant time, and kept
// out of logs.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_TOKEN_LENGTH = 16;

/** 128 random bits, URL-safe */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** constant time in the length and content of both: the hashes always have the same length */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  return timingSafeEqual(digest(given ?? ''), digest(expected)) && given !== undefined;
}

/** the token from "Authorization: Bearer <token>" */
export function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer[ \t]+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

/** the URL with any token parameter masked, for logs */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}
