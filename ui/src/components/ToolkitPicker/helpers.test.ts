import { describe, expect, it } from 'vitest';
import { CHOICES_STORAGE_KEY, DEFAULT_CHOICES, loadChoices, saveChoices, type Choices } from './choices';
import { splitCommand } from './command';
import { NIXERY_SHELL, composeNixery, nixeryPackages } from './nixery';
import { buildRequest } from './request';

describe('nixery', () => {
  it('reads the packages of a nixery.dev/shell image', () => {
    expect(nixeryPackages('nixery.dev/shell/ps/curl/strace')).toEqual(['ps', 'curl', 'strace']);
    expect(nixeryPackages('nixery.dev/shell')).toEqual([]);
    expect(nixeryPackages('nixery.dev/shell/htop:latest')).toEqual(['htop']);
  });

  it('is null for any other image', () => {
    expect(nixeryPackages('busybox:latest')).toBeNull();
    expect(nixeryPackages('nixery.dev/htop')).toBeNull();
    expect(nixeryPackages('example.com/nixery.dev/shell/htop')).toBeNull();
  });

  it('composes nixery.dev/shell/<pkg>/<pkg>, in order, without duplicates', () => {
    expect(composeNixery(['htop', 'strace', 'htop', ' '])).toBe('nixery.dev/shell/htop/strace');
    expect(composeNixery([])).toBe(NIXERY_SHELL);
  });
});

describe('splitCommand', () => {
  const argv = (line: string) => {
    const split = splitCommand(line);
    return split.ok ? split.argv : split.message;
  };

  it('splits on white space', () => {
    expect(argv('  ls   -la /proc/1/root ')).toEqual(['ls', '-la', '/proc/1/root']);
    expect(argv('')).toEqual([]);
  });

  it('keeps quoted words whole and expands nothing', () => {
    expect(argv(`sh -c 'echo "$HOME" && ls'`)).toEqual(['sh', '-c', 'echo "$HOME" && ls']);
    expect(argv(`echo "a b" c\\ d "\\$x" ''`)).toEqual(['echo', 'a b', 'c d', '$x', '']);
  });

  it('refuses an unclosed quote or a trailing backslash', () => {
    expect(argv(`echo 'oops`)).toMatch(/single quote/);
    expect(argv(`echo "oops`)).toMatch(/double quote/);
    expect(argv('echo \\')).toMatch(/backslash/);
  });
});

describe('choices', () => {
  const storage = () => {
    const map = new Map<string, string>();
    return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  };

  it('round-trips through storage', () => {
    const s = storage();
    const choices: Choices = { image: 'alpine:latest', user: '1000', privileged: true, command: 'sh -l', shell: 'bash', profile: 'netadmin' };
    saveChoices(s, choices);
    expect(loadChoices(s)).toEqual(choices);
  });

  it('falls back to the defaults for missing, corrupt or odd values', () => {
    const s = storage();
    expect(loadChoices(s)).toEqual(DEFAULT_CHOICES);
    s.map.set(CHOICES_STORAGE_KEY, '{not json');
    expect(loadChoices(s)).toEqual(DEFAULT_CHOICES);
    s.map.set(CHOICES_STORAGE_KEY, JSON.stringify({ image: 42, privileged: 'yes', user: 'me', shell: 'ksh', profile: 'root' }));
    expect(loadChoices(s)).toEqual({ ...DEFAULT_CHOICES, user: 'me' });
  });
});

describe('buildRequest', () => {
  it('builds the contract request, leaving out what is not set', () => {
    expect(buildRequest('web', DEFAULT_CHOICES)).toEqual({ ok: true, request: { target: 'web', image: 'busybox:latest' } });
    expect(buildRequest('web', { image: ' alpine ', user: ' 1000:1000 ', privileged: true, command: `sh -c 'id'`, shell: 'zsh', profile: 'general' })).toEqual({
      ok: true,
      request: { target: 'web', image: 'alpine', user: '1000:1000', privileged: true, cmd: ['sh', '-c', 'id'] },
    });
  });

  it('sends the shell only when no command is given (the command runs instead of a shell)', () => {
    expect(buildRequest('web', { ...DEFAULT_CHOICES, shell: 'auto' })).toEqual({
      ok: true,
      request: { target: 'web', image: 'busybox:latest', shell: 'auto' },
    });
    expect(buildRequest('web', { ...DEFAULT_CHOICES, shell: 'auto', command: 'id' })).toEqual({
      ok: true,
      request: { target: 'web', image: 'busybox:latest', cmd: ['id'] },
    });
  });

  it('sends a profile other than the default, and none with Privileged (that is sysadmin)', () => {
    expect(buildRequest('web', { ...DEFAULT_CHOICES, profile: 'restricted' })).toEqual({
      ok: true,
      request: { target: 'web', image: 'busybox:latest', profile: 'restricted' },
    });
    expect(buildRequest('web', { ...DEFAULT_CHOICES, profile: 'general' })).toEqual({ ok: true, request: { target: 'web', image: 'busybox:latest' } });
    expect(buildRequest('web', { ...DEFAULT_CHOICES, profile: 'restricted', privileged: true })).toEqual({
      ok: true,
      request: { target: 'web', image: 'busybox:latest', privileged: true },
    });
  });

  it('names the field at fault', () => {
    expect(buildRequest('web', { ...DEFAULT_CHOICES, image: 'Not An Image' })).toMatchObject({ ok: false, field: 'image' });
    expect(buildRequest('web', { ...DEFAULT_CHOICES, command: `sh -c 'x` })).toMatchObject({ ok: false, field: 'command' });
  });
});
