// Token checks fuzzed with fast-check: only the exact token matches (any length, any content,
// any unicode), and the Bearer header gives back exactly the token it carries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bearer, newToken, tokenMatches } from './token.js';

describe('tokenMatches, property-based', () => {
  it('is string equality, for any pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), (given, expected) => {
        expect(tokenMatches(given, expected)).toBe(given === expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every one-character change of a real token', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (at, ch) => {
        const token = newToken();
        const i = at % token.length;
        const changed = token.slice(0, i) + ch + token.slice(i + 1);
        expect(tokenMatches(changed, token)).toBe(changed === token);
        expect(tokenMatches(token + ch, token)).toBe(false);
        expect(tokenMatches(token.slice(0, i), token)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('bearer, property-based', () => {
  it('reads back any token without white space, and nothing from other schemes', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[\x21-\x7e]{1,64}$/),
        fc.constantFrom('Bearer', 'bearer', 'BEARER'),
        fc.constantFrom(' ', '  ', '\t'),
        (token, scheme, gap) => {
          expect(bearer(`${scheme}${gap}${token}`)).toBe(token);
          expect(bearer(`Basic ${token}`)).toBeUndefined();
          expect(bearer(`Bearer ${token} ${token}`)).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
