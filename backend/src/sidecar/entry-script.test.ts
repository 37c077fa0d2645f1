import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_SCRIPT } from './entry-script.js';
import { encodeEnv } from './env-codec.js';

function available(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, [...args, 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** POSIX shells to check the script with: [label, command, args before the script]. */
const SHELLS: Array<[string, string, string[]]> = (
  [
    ['dash', 'dash', ['-c']],
    ['busybox sh', 'busybox', ['sh', '-c']],
    ['bash --posix', 'bash', ['--posix', '-c']],
  ] as Array<[string, string, string[]]>
).filter(([, cmd, args]) => available(cmd, args));

const codeLines = ENTRY_SCRIPT.split('\n').filter((l) => !/^\s*#/.test(l));

describe('entry.sh as text', () => {
  it.each(SHELLS.map(([label, cmd, args]) => [label, cmd, args] as const))('parses with %s (sh -n)', (_label, cmd, args) => {
    const shArgs = cmd === 'busybox' ? ['sh', '-n'] : args[0] === '--posix' ? ['--posix', '-n'] : ['-n'];
    const r = spawnSync(cmd, shArgs, { input: ENTRY_SCRIPT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has eval only in its header comments, never in code (the command is never pasted into shell text)', () => {
    const evalLines = ENTRY_SCRIPT.split('\n')
      .map((line, i) => [i + 1, line] as const)
      .filter(([, line]) => /\beval\b/.test(line));
    expect(evalLines.length).toBeGreaterThan(0);
    for (const [n, line] of evalLines) {
      expect(line, `line ${n}`).toMatch(/^#/);
      expect(n, `line ${n}: eval is documented in the header only`).toBeLessThanOrEqual(10);
    }
  });

  it('expands the positional parameters only as "$@" (and "$*" for its own messages)', () => {
    for (const line of codeLines) {
      const bare = line.replace(/"\$@"/g, '').replace(/"\$\*"/g, '');
      expect(bare, line).not.toMatch(/\$[@*]|\$\{[@*]/);
    }
  });

  it('never deletes anything but the /nix link it planted itself', () => {
    const removals = codeLines.filter((l) => /\brm\b/.test(l));
    expect(removals.map((l) => l.trim())).toEqual([expect.stringMatching(/^\/proc\/\[0-9\]\*\/root\/nix\) rm -f "\$l" ;;$/)]);
    expect(ENTRY_SCRIPT).not.toMatch(/rm\s+-[a-z]*r/);
  });

  it('stays alive through Ctrl-C so that it can clean up after the command', () => {
    expect(codeLines.some((l) => /^\s*trap : INT QUIT\s*$/.test(l))).toBe(true);
  });
});

// The whole script, run locally without Docker or root: the "target" is this process's own
// root (/proc/<pid>/root is "/"), and a stub `chroot` that drops its ROOT argument stands in
// for the real one. Quoting, the environment codec, the working directory, PATH and the exit
// status all go through the real script and the real shells.
describe.skipIf(process.platform !== 'linux' || existsSync('/nix') || SHELLS.length === 0)('entry.sh run locally', () => {
  let dir: string;
  let stubs: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdebug-entry-'));
    stubs = join(dir, 'stubs');
    execFileSync('mkdir', ['-p', stubs, join(dir, 'work dir')]);
    writeFileSync(join(stubs, 'chroot'), '#!/bin/sh\nshift\nexec "$@"\n');
    chmodSync(join(stubs, 'chroot'), 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runEntry(shell: readonly [string, string, string[]], cmd: string[], env: Record<string, string> = {}, entries: Array<[string, string]> = []) {
    const [, bin, args] = shell;
    return spawnSync(bin, [...args, 'eval "$CDEBUG_ENTRY"', 'cdebug', 'run', ...cmd], {
      encoding: 'utf8',
      timeout: 10_000,
      // stdin not a socket: bash reads ~/.bashrc when it thinks rshd started it
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: `${stubs}:/usr/bin:/bin`,
        CDEBUG_ENTRY: ENTRY_SCRIPT,
        CDEBUG_TARGET_PID: String(process.pid),
        CDEBUG_TARGET_PATH: '/nonexistent/target/bin',
        CDEBUG_WORKDIR: join(dir, 'work dir'),
        CDEBUG_USER: '',
        CDEBUG_ENV: encodeEnv(entries),
        ...env,
      },
    });
  }

  describe.each(SHELLS)('under %s', (...shell) => {
    it('passes awkward arguments through unchanged', () => {
      const args = ['a b', '$HOME', '"', "'", 'l1\nl2', '*', '', '\\n', '$(id)', '`id`', '-e', 'é ✓'];
      const r = runEntry(shell, ['printf', '[%s]\\n', ...args]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(args.map((a) => `[${a}]\n`).join(''));
      expect(r.status).toBe(0);
    });

    it("gives the command exactly the decoded environment, the target's PATH then the toolkit's, in the working directory", () => {
      const entries: Array<[string, string]> = [
        ['A', 'x y'],
        ['B', 'l1\nl2'],
        ['C', 'back\\slash \\0101'],
        ['D', '日本 ✓'],
        ['E', ''],
      ];
      const script =
        'printf "[%s]" "$A" "$B" "$C" "$D" "${E-unset}"; printf "\\n--\\n"; pwd; echo "$PATH"; env | grep -o "^[A-Za-z_][A-Za-z0-9_]*=" | tr -d = | sort | tr "\\n" " "';
      const r = runEntry(shell, ['sh', '-c', script], {}, entries);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const [values, rest = ''] = r.stdout.split('\n--\n');
      expect(values).toBe('[x y][l1\nl2][back\\slash \\0101][日本 ✓][]');
      const [pwd, path = '', keys = ''] = rest.split('\n');
      expect(pwd).toBe(join(dir, 'work dir'));
      expect(path).toMatch(/^\/nonexistent\/target\/bin(:\/proc\/\d+\/root\/[^:]+)+$/);
      expect(path).toContain(`root${stubs}`);
      // env -i: nothing of the sidecar's own environment (CDEBUG_*) reaches the command
      const shellOwn = new Set(['PWD', 'OLDPWD', 'SHLVL', '_']);
      expect(
        keys
          .trim()
          .split(' ')
          .filter((k) => !shellOwn.has(k)),
      ).toEqual(['A', 'B', 'C', 'D', 'E', 'PATH']);
    });

    it("exits with the command's own status", () => {
      expect(runEntry(shell, ['sh', '-c', 'exit 7']).status).toBe(7);
      expect(runEntry(shell, ['false']).status).toBe(1);
      expect(runEntry(shell, ['true']).status).toBe(0);
    });

    it('waits at CDEBUG_GATE until its file exists (a CRI attach is up), then runs the command', () => {
      const gate = join(dir, `gate-${shell[0]}`);
      rmSync(gate, { force: true });
      const started = Date.now();
      const opener = spawn('sh', ['-c', 'sleep 0.6; : > "$1"', 'sh', gate], { stdio: 'ignore' });
      const r = runEntry(shell, ['echo', 'through'], { CDEBUG_GATE: gate });
      opener.kill();
      expect(r.stdout).toBe('through\n');
      expect(r.status).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    });

    it('falls back to / when the working directory is missing', () => {
      const r = runEntry(shell, ['pwd'], { CDEBUG_WORKDIR: join(dir, 'no such dir') });
      expect(r.stdout).toBe('/\n');
      expect(r.status).toBe(0);
    });

    it("refuses a user name the target's /etc/passwd does not have, with 125 and a message", () => {
      const r = runEntry(shell, ['id'], { CDEBUG_USER: 'cdebug-no-such-user' });
      expect(r.status).toBe(125);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe("cdebug: user 'cdebug-no-such-user' is not in the target's /etc/passwd: give a numeric uid[:gid]\n");
    });

    it('refuses an unknown mode', () => {
      const [, bin, args] = shell;
      const r = spawnSync(bin, [...args, 'eval "$CDEBUG_ENTRY"', 'cdebug', 'bogus'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: '/usr/bin:/bin', CDEBUG_ENTRY: ENTRY_SCRIPT },
      });
      expect(r.status).toBe(125);
      expect(r.stderr).toMatch(/unknown mode 'bogus'/);
    });
  });
});
