// shell-choice.sh (--shell) on its own, under each POSIX shell at hand: a temporary directory is
// the target's root and another the toolkit's PATH, so every rule is checked without an engine.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTRY_SCRIPT, SHELL_CHOICE_SCRIPT } from './entry-script.js';

function available(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, [...args, 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const SHELLS = (
  [
    ['dash', 'dash', ['-c']],
    ['busybox sh', 'busybox', ['sh', '-c']],
    ['bash --posix', 'bash', ['--posix', '-c']],
  ] as Array<[string, string, string[]]>
)
  .filter(([, cmd, args]) => available(cmd, args))
  // the tests' PATH is the toolkit's alone: name the shell by its full path
  .map(
    ([label, cmd, args]) => [label, execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' }).trim(), args] as [string, string, string[]],
  );

// the entry script's own helpers, as it defines them
const findTool = /^find_tool\(\) \{[\s\S]*?^\}\n/m.exec(ENTRY_SCRIPT)?.[0] ?? '';
const helpers = `${findTool}say() { printf 'cdebug: %s\\n' "$*" >&2; }\ndie() { say "$*"; exit 125; }\n`;

let dir: string;
let root: string;
let toolkit: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdebug-shell-'));
  root = join(dir, 'root');
  toolkit = join(dir, 'toolkit bin');
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  mkdirSync(toolkit);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(path: string, mode = 0o755): void {
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, mode);
}
const passwd = (lines: string[]): void => writeFileSync(join(root, 'etc/passwd'), `${lines.join('\n')}\n`);

describe.skipIf(SHELLS.length === 0).each(SHELLS)('choose_shell under %s', (_label, bin, args) => {
  function choose(want: string, vars: { mode?: string; uid?: string } = {}) {
    const script = `${helpers}${SHELL_CHOICE_SCRIPT}\nchoose_shell "$1"; printf '%s' "$shell_path"`;
    return spawnSync(bin, [...args, script, 'sh', want], {
      encoding: 'utf8',
      // stdin not a socket: bash reads ~/.bashrc when it thinks rshd started it
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: toolkit,
        root,
        target_path: '/usr/bin:/bin',
        mode: vars.mode ?? 'chroot',
        tools: '42',
        login_uid: vars.uid ?? '0',
      },
    });
  }

  it("auto takes the target user's login shell when the target has it", () => {
    passwd(['root:x:0:0:root:/root:/bin/zsh', 'app:x:1000:1000::/home/app:/bin/bash']);
    file(join(root, 'bin/zsh'));
    file(join(root, 'bin/bash'));
    file(join(toolkit, 'bash'));
    expect(choose('auto').stdout).toBe('/bin/zsh');
    expect(choose('auto', { uid: '1000' }).stdout).toBe('/bin/bash');
  });

  it('auto passes over a login shell that is no shell (nologin) or that the target lacks', () => {
    passwd(['root:x:0:0:root:/root:/sbin/nologin', 'app:x:1000:1000::/home/app:/bin/fish']);
    file(join(toolkit, 'bash'));
    file(join(toolkit, 'sh'));
    const tk = `/proc/42/root${toolkit}`;
    expect(choose('auto').stdout).toBe(`${tk}/bash`);
    expect(choose('auto', { uid: '1000' }).stdout).toBe(`${tk}/bash`);
  });

  it("auto prefers bash, then zsh, fish, ash, sh, the target's copy before the toolkit's", () => {
    file(join(toolkit, 'ash'));
    file(join(root, 'bin/sh'));
    expect(choose('auto').stdout).toBe(`/proc/42/root${toolkit}/ash`);
    file(join(root, 'usr/bin/zsh'));
    file(join(toolkit, 'zsh'));
    expect(choose('auto').stdout).toBe('/usr/bin/zsh');
  });

  it("counts a link in the target (an absolute link points into the target's tree, not this one) and not a file without x", () => {
    symlinkSync('/bin/busybox', join(root, 'bin/sh'));
    file(join(root, 'bin/bash'), 0o644);
    expect(choose('sh').stdout).toBe('/bin/sh');
    expect(choose('bash').status).toBe(125);
  });

  it('an explicit shell comes from the target first, else the toolkit', () => {
    file(join(toolkit, 'bash'));
    expect(choose('bash').stdout).toBe(`/proc/42/root${toolkit}/bash`);
    file(join(root, 'bin/bash'));
    expect(choose('bash').stdout).toBe('/bin/bash');
  });

  it('an explicit shell found nowhere is shell_not_found, naming the shells there are', () => {
    file(join(root, 'bin/bash'));
    file(join(toolkit, 'sh'));
    file(join(toolkit, 'ash'));
    const r = choose('zsh');
    expect(r.status).toBe(125);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'cdebug: shell_not_found: no zsh shell in the target or the toolkit (found: bash (target), ash (toolkit), sh (toolkit)): pick one of those with --shell, or give a command\n',
    );
  });

  it('says "none" when there is no shell at all', () => {
    const r = choose('auto');
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/\(found: none\)/);
  });

  it("outside the chroot (the toolkit's filesystem) only the toolkit's shells run", () => {
    passwd(['root:x:0:0:root:/root:/bin/bash']);
    file(join(root, 'bin/bash'));
    file(join(toolkit, 'sh'));
    expect(choose('auto', { mode: 'toolkit' }).stdout).toBe(`${toolkit}/sh`);
    expect(choose('bash', { mode: 'toolkit' }).status).toBe(125);
  });

  it('never runs what the passwd file says: a login shell that is not a known shell name is passed over', () => {
    passwd(['root:x:0:0:root:/root:/bin/sh -c "touch /tmp/x"', 'root2:x:0:0:root:/root:$(touch x)']);
    file(join(toolkit, 'sh'));
    const r = choose('auto');
    expect(r.stdout).toBe(`/proc/42/root${toolkit}/sh`);
    expect(r.stderr).toBe('');
  });
});
