import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { archiveOf, firstFileOf } from './tar.js';

const dir = mkdtempSync(join(tmpdir(), 'cdebug-tar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tar', () => {
  it('writes a directory and an executable that tar itself reads back byte for byte', () => {
    const contents = Buffer.from(Array.from({ length: 1500 }, (_, i) => i % 251));
    writeFileSync(join(dir, 'a.tar'), archiveOf('.cdebug', 'busybox', contents));
    const r = spawnSync('tar', ['xf', 'a.tar'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(readFileSync(join(dir, '.cdebug/busybox')).equals(contents)).toBe(true);
    expect(statSync(join(dir, '.cdebug/busybox')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dir, '.cdebug')).isDirectory()).toBe(true);
  });

  it('reads the first regular file of an archive that tar wrote, past a directory entry', () => {
    writeFileSync(join(dir, 'f'), 'hello\n');
    spawnSync('tar', ['cf', 'b.tar', '.cdebug', 'f'], { cwd: dir });
    const first = firstFileOf(readFileSync(join(dir, 'b.tar')));
    expect(first?.length).toBe(1500);
    expect(firstFileOf(archiveOf('d', 'x', Buffer.from('abc')))?.toString()).toBe('abc');
  });

  it('finds nothing in an empty or cut archive', () => {
    expect(firstFileOf(Buffer.alloc(1024))).toBeNull();
    expect(firstFileOf(archiveOf('d', 'x', Buffer.alloc(2000)).subarray(0, 1500))).toBeNull();
    expect(firstFileOf(Buffer.alloc(0))).toBeNull();
  });
});
