#!/usr/bin/env node
// Summarize Vitest JSON reports, one per suite (project):
//
//   node scripts/summarize.mjs [--setup-failed=<text>]... reports/unit.json reports/integration.json ...
//
// Prints one line per suite (and the failed tests' names), then, as the very last line,
// exactly `N passed, N failed` (`, N skipped` added when any were skipped) totalling all suites.
// Exits 1 when any test failed or any suite crashed. A suite "crashed" when its report is
// missing or unreadable, when a test file failed outside any test (import error, failing hook),
// or when Vitest exited non-zero without a failing test (unhandled error, killed by a timeout):
// scripts/test.sh leaves Vitest's exit code in reports/<suite>.exitcode for that. Each crash
// counts as one failed test in the totals, so the last line never reads "0 failed" for a red run.
import { existsSync, readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';

const args = process.argv.slice(2);
// --setup-failed=<text>: a step before the suites failed (build, typecheck, lint, engine, fixtures); counts as one failure.
const setupFailures = args.filter((a) => a.startsWith('--setup-failed=')).map((a) => a.slice('--setup-failed='.length));
// --not-run=<suite>=<why>: a suite that scripts/test.sh did not run because the machine lacks what
// it needs; counts as one failure, and its line says what is missing.
const notRun = new Map(
  args
    .filter((a) => a.startsWith('--not-run='))
    .map((a) => a.slice('--not-run='.length))
    .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
);
const files = args.filter((a) => !a.startsWith('--setup-failed=') && !a.startsWith('--not-run='));
if (files.length === 0) {
  console.error('usage: node scripts/summarize.mjs reports/<suite>.json...');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);
const MAX_LISTED = 25;
const total = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

const rel = (p) => {
  const r = relative(process.cwd(), p);
  return r.startsWith('..') ? p : r;
};
const firstLine = (s) =>
  String(s ?? '')
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? '';

for (const file of files) {
  const name = basename(file).replace(/\.json$/, '');
  if (notRun.has(name)) {
    total.failed += 1;
    lines.push(`  ${name.padEnd(12)} NOT RUN: ${notRun.get(name)}`);
    continue;
  }
  const exitFile = file.replace(/\.json$/, '.exitcode');
  const exitCode = existsSync(exitFile) ? Number(readFileSync(exitFile, 'utf8').trim()) : undefined;

  if (!existsSync(file)) {
    total.failed += 1;
    const why = exitCode === undefined ? 'it did not run' : `vitest exited ${exitCode}`;
    lines.push(`  ${name.padEnd(12)} CRASHED: no report (${file} is missing; ${why})`);
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    total.failed += 1;
    lines.push(`  ${name.padEnd(12)} CRASHED: unreadable report ${file}: ${firstLine(e.message)}`);
    continue;
  }

  const s = { passed: 0, failed: 0, skipped: 0 };
  const failedNames = [];
  const crashes = [];
  const results = Array.isArray(report.testResults) ? report.testResults : [];
  for (const tr of results) {
    const assertions = Array.isArray(tr.assertionResults) ? tr.assertionResults : [];
    let failedHere = 0;
    for (const a of assertions) {
      if (a.status === 'passed') s.passed += 1;
      else if (a.status === 'failed') {
        s.failed += 1;
        failedHere += 1;
        failedNames.push(`${rel(tr.name)} > ${a.fullName ?? a.title}`);
      } else if (SKIPPED.has(a.status)) s.skipped += 1;
    }
    if (tr.status === 'failed' && failedHere === 0) {
      crashes.push(`${rel(tr.name)}: ${firstLine(tr.message) || 'failed outside any test'}`);
    }
  }
  if (exitCode !== undefined && exitCode !== 0 && s.failed === 0 && crashes.length === 0) {
    crashes.push(
      exitCode === 124 || exitCode === 137
        ? `vitest was stopped by scripts/test.sh's time limit (exit ${exitCode})`
        : `vitest exited ${exitCode} with no failing test (an unhandled error? see its output above)`,
    );
  }

  const failedTotal = s.failed + crashes.length;
  total.passed += s.passed;
  total.failed += failedTotal;
  total.skipped += s.skipped;

  const state = crashes.length > 0 ? 'CRASHED' : s.failed > 0 ? 'FAILED' : results.length === 0 ? 'no tests' : 'ok';
  const fileCount = `${results.length} file${results.length === 1 ? '' : 's'}`;
  lines.push(
    `  ${name.padEnd(12)} ${String(s.passed).padStart(4)} passed ${String(failedTotal).padStart(3)} failed ${String(s.skipped).padStart(3)} skipped  ${fileCount.padEnd(9)} ${state}`,
  );
  for (const c of crashes) lines.push(`      crashed: ${c}`);
  for (const f of failedNames.slice(0, MAX_LISTED)) lines.push(`      failed:  ${f}`);
  if (failedNames.length > MAX_LISTED) lines.push(`      ... and ${failedNames.length - MAX_LISTED} more failed`);
}

console.log('');
console.log('Test suites:');
for (const l of lines) console.log(l);
if (setupFailures.length > 0) {
  console.log('Setup steps that failed (each counted as one failure):');
  for (const f of setupFailures) console.log(`  FAILED: ${f}`);
  total.failed += setupFailures.length;
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
