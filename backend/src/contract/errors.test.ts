import { describe, expect, it } from 'vitest';
import { CdebugError, isCdebugError } from './errors.js';

describe('isCdebugError', () => {
  it("knows this copy's errors and another copy's (a bundle of its own) by name and code", () => {
    expect(isCdebugError(new CdebugError('bad_request', 'x'))).toBe(true);
    // what `cdebug serve`'s bundle throws: the same class, loaded a second time
    class OtherCopy extends Error {
      constructor(readonly code: string) {
        super('from the other bundle');
        this.name = 'CdebugError';
      }
    }
    expect(isCdebugError(new OtherCopy('engine_unreachable'))).toBe(true);
  });

  it('does not take a look-alike for one', () => {
    expect(isCdebugError(new Error('plain'))).toBe(false);
    expect(isCdebugError(Object.assign(new Error('x'), { name: 'CdebugError', code: 'no_such_code' }))).toBe(false);
    expect(isCdebugError({ name: 'CdebugError', code: 'bad_request', message: 'not an Error' })).toBe(false);
    expect(isCdebugError(undefined)).toBe(false);
  });
});
