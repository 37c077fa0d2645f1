import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matching } from '../../test/helpers/matchers.js';
import { describeOriginal, entrypointScript, type OriginalFacts, shellWord } from './original.js';

const dir = realpathSync(mkdtempSync(join(tmpdir(), 'cdebug-entrypoint-')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** runs the `entrypoint` command as the sidecar would, with the local sh */
function entrypoint(facts: OriginalFacts, args: string[] = []) {
  const file = join(dir, `entrypoint-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, entrypointScript(facts));
  const r = spawnSync('sh', [file, ...args], { encoding: 'utf8', cwd: '/' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tricky = ['zero', 'a b', "it's", '$HOME', '`id`', 'line\nbreak', '', 'ünï'];

describe('the entrypoint command', () => {
  it('shows the command as a shell would need it typed, the working directory and the user', () => {
    expect(describeOriginal({ argv: ['/app', '--port', '80'], workingDir: '/srv', user: 'nobody' })).toBe(
      ['command:           /app --port 80', 'working directory: /srv', 'user:              nobody', 'run it here with:  entrypoint --run'].join('\n'),
    );
    expect(describeOriginal({ argv: [], workingDir: '', user: '' })).toMatch(/none.*\n.*directory: \/\n.*root/);
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('')).toBe("''");
    expect(shellWord('a=b:c/d')).toBe('a=b:c/d');
  });

  it('prints that description when run without arguments, whatever the facts hold', () => {
    const facts = { argv: ['/bin/sh', '-c', 'x', ...tricky], workingDir: '/w d', user: 'a:b' };
    const r = entrypoint(facts);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${describeOriginal(facts)}\n`);
  });

  it('--run runs it in its working directory with every argument unchanged, then says its exit code', () => {
    const r = entrypoint({ argv: ['/bin/sh', '-c', 'pwd; printf "[%s]" "$@"; exit 7', ...tricky], workingDir: dir, user: '' }, ['--run']);
    expect(r.stdout).toBe(
      `${dir}\n${tricky
        .slice(1)
        .map((a) => `[${a}]`)
        .join('')}exit code 7\n`,
    );
    expect(r.status).toBe(7);
  });

  it('--run says when there is nothing to run, or the working directory is missing', () => {
    expect(entrypoint({ argv: [], workingDir: '', user: '' }, ['--run'])).toMatchObject({ status: 1, stderr: matching(/no ENTRYPOINT or CMD/) });
    const r = entrypoint({ argv: ['true'], workingDir: '/no/such/dir', user: '' }, ['--run']);
    expect(r.stderr).toMatch(/cannot enter \/no\/such\/dir/);
    expect(r.stdout).toBe('exit code 0\n');
  });

  it('refuses an unknown option', () => {
    expect(entrypoint({ argv: ['true'], workingDir: '', user: '' }, ['--bogus'])).toMatchObject({ status: 2, stderr: matching(/--bogus/) });
  });
});
