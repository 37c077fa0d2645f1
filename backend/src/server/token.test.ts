import { describe, expect, it } from 'vitest';
import { bearer, newToken, redactUrl, tokenMatches } from './token.js';

describe('token', () => {
  it('makes 128-bit URL-safe tokens, different each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(16);
    expect(newToken()).not.toBe(a);
  });

  it('matches only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abd', 'abc')).toBe(false);
    expect(tokenMatches('abcd', 'abc')).toBe(false);
    expect(tokenMatches('', 'abc')).toBe(false);
    expect(tokenMatches(undefined, 'abc')).toBe(false);
  });

  it('reads Bearer headers', () => {
    expect(bearer('Bearer xyz')).toBe('xyz');
    expect(bearer('bearer   xyz ')).toBe('xyz');
    expect(bearer('Basic xyz')).toBe(undefined);
    expect(bearer('Bearer a b')).toBe(undefined);
    expect(bearer(undefined)).toBe(undefined);
  });

  it('keeps tokens out of logged URLs', () => {
    expect(redactUrl('/api/sessions/1/attach?token=secret&x=1')).toBe('/api/sessions/1/attach?token=[redacted]&x=1');
    expect(redactUrl('/a?x=1&TOKEN=secret')).toBe('/a?x=1&TOKEN=[redacted]');
    expect(redactUrl('/a')).toBe('/a');
  });
});
