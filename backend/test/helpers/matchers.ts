// Vitest's asymmetric matchers (expect.stringMatching, expect.any, ...) are typed `any`, so
// that one fits any slot of an expected value; put in an object literal, that `any` would leak
// into the test's own values. Typed `unknown` they still fit every slot of toEqual and
// toMatchObject, and say what they are: a stand-in for a value, not a value.

import { expect } from 'vitest';

/** a string that matches `pattern` */
export const matching = (pattern: string | RegExp): unknown => expect.stringMatching(pattern);

/** a string that contains `text` */
export const containing = (text: string): unknown => expect.stringContaining(text);

/** any string */
export const anyString = (): unknown => expect.any(String);

/** an object that has at least these fields */
export const withFields = (fields: Record<string, unknown>): unknown => expect.objectContaining(fields);
