// scripts/needs.sh (the one list of packages) and scripts/summarize.mjs's report of a suite that
// did not run for want of one: run as the test command runs them, on throwaway reports.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = new URL('../..', import.meta.url).pathname;
const needs = (...args: string[]) => spawnSync('bash', [join(repo, 'scripts/needs.sh'), ...args], { encoding: 'utf8' });

describe('scripts/needs.sh', () => {
  it('lists each package once, whatever needs name it', () => {
    const all = needs('packages', 'all').stdout.trim().split('\n');
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['docker.io', 'busybox-static', 'patchelf', 'podman', 'chromium', 'openssh-server']));
  });

  it('names busybox-static among what the packaging suite needs (the package make test once lacked)', () => {
    const suiteNeeds = needs('suite', 'packaging').stdout.trim().split(/\s+/);
    expect(suiteNeeds).toContain('packaging');
    expect(needs('packages', ...suiteNeeds).stdout.split('\n')).toContain('busybox-static');
  });

  it('gives the suites that need only Node.js no needs, and refuses an unknown suite or need', () => {
    expect(needs('suite', 'unit').stdout.trim()).toBe('');
    expect(needs('suite', 'ui').stdout.trim()).toBe('');
    expect(needs('suite', 'nope').status).toBe(2);
    const unknown = needs('missing', 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown need 'nope'");
  });

  it('says why each package is needed', () => {
    const rows = execFileSync('bash', ['-c', `grep -E '^[a-z]+ +\\|' ${join(repo, 'scripts/needs.sh')}`], { encoding: 'utf8' });
    for (const row of rows.trim().split('\n')) expect(row.split('|')[3]?.trim().length).toBeGreaterThan(10);
  });
});

describe('scripts/summarize.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdebug-summary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const report = (name: string, statuses: string[]): string => {
    const file = join(dir, `${name}.json`);
    const assertionResults = statuses.map((status, i) => ({ status, title: `t${i}`, fullName: `t${i}` }));
    writeFileSync(file, JSON.stringify({ testResults: [{ name: `${name}.test.ts`, status: 'passed', assertionResults }] }));
    return file;
  };
  const summarize = (...args: string[]) => spawnSync('node', [join(repo, 'scripts/summarize.mjs'), ...args], { encoding: 'utf8' });

  it('counts a suite that was not run as one failure and names what it lacked', () => {
    const out = summarize(
      report('unit', ['passed', 'passed']),
      '--not-run=packaging=missing busybox-static: docker/local-base.sh needs it',
      join(dir, 'packaging.json'),
    );
    expect(out.status).toBe(1);
    expect(out.stdout).toContain('packaging    NOT RUN: missing busybox-static: docker/local-base.sh needs it');
    expect(out.stdout.trim().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('ends with N passed, 0 failed when every suite ran and passed', () => {
    const out = summarize(report('ui', ['passed', 'skipped']));
    expect(out.status).toBe(0);
    expect(out.stdout.trim().split('\n').at(-1)).toBe('1 passed, 0 failed, 1 skipped');
  });
});
