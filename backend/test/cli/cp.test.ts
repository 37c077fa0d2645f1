// `cdebug cp` with a distroless target (no tar, no shell): a file and a directory out, a file
// in, through the toolkit's tar in a sidecar; the target is left as it was but for what was copied in.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebug, cdebugExec, describeRun, ensureBuilt, expectCdebugError, takeOwners } from '../helpers/cli.js';
import { expectClean, removeTargets, sidecarsOf, startTarget, type Target } from '../helpers/docker.js';

let target: Target;
let dir: string;

beforeAll(async () => {
  ensureBuilt();
  target = await startTarget();
  dir = mkdtempSync(join(tmpdir(), 'cdebug-cp-'));
});
afterEach(async () => {
  await expectClean([target], takeOwners()).catch((err: unknown) => {
    // what cp copied in is the one change it may leave
    if (!String(err).includes('/tmp')) throw err;
  });
  expect(await sidecarsOf([target.id])).toEqual([]);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeTargets();
});

describe('cdebug cp', () => {
  it('copies a file out of a target without tar, into a directory or as a new name', async () => {
    const r = await cdebug(['cp', `${target.name}:/etc/fixture-release`, dir]);
    expect(r.code, describeRun(r)).toBe(0);
    const expected = (await cdebugExec([target.id, 'cat', '/etc/fixture-release'])).stdout;
    expect(readFileSync(join(dir, 'fixture-release'), 'utf8')).toBe(expected);
    const renamed = await cdebug(['cp', `${target.id}:/etc/fixture-release`, join(dir, 'release.txt')]);
    expect(renamed.code, describeRun(renamed)).toBe(0);
    expect(readFileSync(join(dir, 'release.txt'), 'utf8')).toBe(expected);
    expect(readdirSync(dir).filter((n) => n.startsWith('.cdebug-cp-'))).toEqual([]);
  });

  it('copies a directory out', async () => {
    const r = await cdebug(['cp', `${target.name}:/srv`, join(dir, 'srv-copy')]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(readdirSync(join(dir, 'srv-copy'))).toEqual(['README.fixture']);
  });

  it('copies a file in, byte for byte', async () => {
    const local = join(dir, 'in put.bin');
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));
    writeFileSync(local, bytes);
    const r = await cdebug(['cp', local, `${target.name}:/tmp`]);
    expect(r.code, describeRun(r)).toBe(0);
    const back = await cdebugExec([target.id, 'cat', '/tmp/in put.bin']);
    expect(Buffer.compare(back.stdoutBytes, bytes)).toBe(0);
    await cdebugExec([target.id, 'rm', '-f', '/tmp/in put.bin']);
  });

  it("a missing path in the target: tar's own message and its status, nothing written here", async () => {
    const r = await cdebug(['cp', `${target.name}:/no/such/file`, join(dir, 'never')]);
    expect(r.code, describeRun(r)).not.toBe(0);
    expect(r.stderr).toMatch(/No such file/);
    expect(readdirSync(dir).filter((n) => n === 'never' || n.startsWith('.cdebug-cp-'))).toEqual([]);
  });

  it('refuses two local paths, a relative container path, or a missing local file', async () => {
    expectCdebugError(await cdebug(['cp', 'a', 'b']), /One side must be a container path/);
    expectCdebugError(await cdebug(['cp', `${target.name}:etc`, dir]), /absolute/);
    expectCdebugError(await cdebug(['cp', join(dir, 'nothing-here'), `${target.name}:/tmp`]), /does not exist here/);
  });
});
