// What every failing CLI run in these tests must look like: status 125, nothing on stdout,
// one line on stderr that starts with "cdebug: " and says what went wrong.

import { expect } from 'vitest';
import { type CliResult, describeRun } from '../helpers/cli.js';

export function expectCdebugError(r: CliResult, re: RegExp): void {
  expect(r.code, describeRun(r)).toBe(125);
  expect(r.stdout, describeRun(r)).toBe('');
  const lines = r.stderr.split('\n');
  expect(lines, describeRun(r)).toHaveLength(2); // one line, then the final newline
  expect(lines[0]).toMatch(/^cdebug: \S/);
  expect(lines[0]).toMatch(re);
}
