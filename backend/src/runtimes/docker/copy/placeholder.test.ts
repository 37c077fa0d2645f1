// Where the placeholder's busybox comes from: the engine once, then memory (same engine) or the
// cache directory (a later process), by the toolkit's image id; never a file that is not a static
// ELF, never a path made from anything but a digest.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../contract/index.js';
import type { Engine } from '../api/connect.js';
import { placeholderBinary, placeholderCachePath } from './placeholder.js';
import { archiveOf } from './tar.js';

const ID = `sha256:${'ab'.repeat(32)}`;

/** a static ELF header with `tag` after it: what the reader accepts, told apart by its tail */
function staticElf(tag: string): Buffer {
  const b = Buffer.alloc(64 + 56);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = 2;
  b[5] = 1;
  b.writeBigUInt64LE(64n, 32);
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(1, 56);
  b.writeUInt32LE(1, 64);
  return Buffer.concat([b, Buffer.from(tag)]);
}

/** an engine whose every image has a static /bin/busybox ending in `tag`; counts the readers */
function fakeEngine(tag: string) {
  const calls: string[] = [];
  const engine = {
    createContainer: (opts: { _body: { Image: string } }) => {
      calls.push(`create ${opts._body.Image}`);
      return Promise.resolve({ id: 'reader' });
    },
    getContainer: (id: string) => ({
      getArchive: () => Promise.resolve(Readable.from([archiveOf('bin', 'busybox', staticElf(tag))])),
      remove: () => {
        calls.push(`remove ${id}`);
        return Promise.resolve();
      },
    }),
  };
  return { engine: engine as unknown as Engine, calls };
}

const toolkit = (() => {
  const ref = parseImageRef('cdebug-test/toolkit-for-placeholder:1');
  if (!ref.ok) throw new Error('bad ref');
  return ref.value;
})();

describe('placeholderCachePath', () => {
  it('is under $XDG_CACHE_HOME when absolute, else ~/.cache, named by the digest', () => {
    expect(placeholderCachePath(ID, { XDG_CACHE_HOME: '/c' }, '/home/u')).toBe(`/c/cdebug/placeholder/busybox-${'ab'.repeat(32)}`);
    expect(placeholderCachePath(ID, { XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe(`/home/u/.cache/cdebug/placeholder/busybox-${'ab'.repeat(32)}`);
    expect(placeholderCachePath(ID, {}, '/home/u')).toMatch(/^\/home\/u\/\.cache\/cdebug\//);
  });

  it('is null for anything but a sha256 digest', () => {
    for (const id of ['', 'sha256:../../etc/passwd', `sha256:${'AB'.repeat(32)}`, 'abc', `sha512:${'ab'.repeat(64)}`]) {
      expect(placeholderCachePath(id, {}, '/home/u'), id).toBeNull();
    }
  });
});

describe('placeholderBinary', () => {
  let dir: string;
  let saved: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cdebug-placeholder-'));
    saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = dir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads once from the engine, then from memory for the same engine', async () => {
    const fake = fakeEngine('one');
    const first = await placeholderBinary(fake.engine, { toolkit, toolkitId: ID }, {});
    const again = await placeholderBinary(fake.engine, { toolkit, toolkitId: ID }, {});
    expect(again).toBe(first);
    expect(fake.calls).toEqual([`create ${toolkit.canonical}`, 'remove reader']);
  });

  it('a later process (another engine) takes the kept file and asks the engine nothing', async () => {
    await placeholderBinary(fakeEngine('kept').engine, { toolkit, toolkitId: ID }, {});
    const later = fakeEngine('fresh');
    const binary = await placeholderBinary(later.engine, { toolkit, toolkitId: ID }, {});
    expect(binary.toString('latin1')).toMatch(/kept$/);
    expect(later.calls).toEqual([]);
  });

  it('a kept file that is not a static ELF is read again, and replaced', async () => {
    const file = placeholderCachePath(ID, process.env, '/unused') as string;
    await placeholderBinary(fakeEngine('kept').engine, { toolkit, toolkitId: ID }, {});
    writeFileSync(file, '#!/bin/sh\necho planted\n');
    const later = fakeEngine('fresh');
    const binary = await placeholderBinary(later.engine, { toolkit, toolkitId: ID }, {});
    expect(binary.toString('latin1')).toMatch(/fresh$/);
    expect(later.calls).toContain(`create ${toolkit.canonical}`);
    expect(readFileSync(file).toString('latin1')).toMatch(/fresh$/);
  });

  it('a toolkit that is not on the engine yet (no id) is read, and nothing is kept on disk', async () => {
    const fake = fakeEngine('no-id');
    const binary = await placeholderBinary(fake.engine, { toolkit, toolkitId: null }, {});
    expect(binary.toString('latin1')).toMatch(/no-id$/);
    const later = fakeEngine('fresh');
    await placeholderBinary(later.engine, { toolkit, toolkitId: ID }, {});
    expect(later.calls).toContain(`create ${toolkit.canonical}`);
  });
});
