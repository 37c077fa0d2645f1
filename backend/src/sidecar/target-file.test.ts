import { describe, expect, it } from 'vitest';
import { kindOfAnswer, readTargetFileCommand, splitPath, targetPath } from './target-file.js';

describe('targetPath', () => {
  it('keeps absolute paths, without repeated or trailing slashes', () => {
    expect(targetPath('/etc/passwd')).toBe('/etc/passwd');
    expect(targetPath('//etc//ssl/')).toBe('/etc/ssl');
    expect(targetPath('/')).toBe('/');
  });
  it('refuses relative paths, NUL and dot parts', () => {
    expect(targetPath('etc/passwd')).toBeNull();
    expect(targetPath('')).toBeNull();
    expect(targetPath('/etc/\0x')).toBeNull();
    expect(targetPath('/etc/../proc')).toBeNull();
    expect(targetPath('/./etc')).toBeNull();
  });
});

describe('readTargetFileCommand', () => {
  it('passes the path as arguments, not in the script', () => {
    const cmd = readTargetFileCommand('/srv/a b;$(x)');
    expect(cmd.slice(0, 2)).toEqual(['sh', '-c']);
    expect(cmd[2]).not.toContain('a b');
    expect(cmd.slice(3)).toEqual(['cdebug-read', '/srv/a b;$(x)', '/srv', 'a b;$(x)']);
  });
  it('tars the root as "." from /proc/1/root', () => {
    expect(readTargetFileCommand('/').slice(3)).toEqual(['cdebug-read', '/', '', '.']);
    expect(splitPath('/etc')).toEqual({ dir: '/', name: 'etc' });
  });
});

describe('kindOfAnswer', () => {
  it('reads the first byte', () => {
    expect(kindOfAnswer('D'.charCodeAt(0))).toBe('directory');
    expect(kindOfAnswer('F'.charCodeAt(0))).toBe('file');
    expect(kindOfAnswer('S'.charCodeAt(0))).toBe('special');
    expect(kindOfAnswer('N'.charCodeAt(0))).toBe('missing');
    expect(kindOfAnswer(undefined)).toBeNull();
    expect(kindOfAnswer('x'.charCodeAt(0))).toBeNull();
  });
});
