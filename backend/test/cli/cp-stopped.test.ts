// `cdebug cp` with a container that exited: out of it through a copy (as `cdebug exec` debugs a
// stopped target), the copy removed after and the original unchanged; into it refused, since
// the copy goes away. Runs on Docker (integration) and Podman (integration-podman).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebug, describeRun, ensureBuilt, expectCdebugError } from '../helpers/cli.js';
import { exitedOriginal, expectNoCopies, removeOriginals, snapshot } from '../helpers/originals.js';

const ids: string[] = [];
let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'fil-cp-stopped-'));
});
afterEach(async () => {
  await expectNoCopies(ids.splice(0));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await removeOriginals();
});

describe('cdebug cp: a container that exited', () => {
  it('copies a file out through a copy, and leaves the original as it was', async () => {
    const o = await exitedOriginal('cp-out', [], 'mkdir -p /srv; echo "made before it stopped" > /srv/own; exit 3');
    ids.push(o.id);
    const before = await snapshot(o.id);
    const r = await cdebug(['cp', `${o.name}:/srv/own`, join(dir, 'own.txt')]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(readFileSync(join(dir, 'own.txt'), 'utf8')).toBe('made before it stopped\n');
    expect(await snapshot(o.id)).toEqual(before);
  });

  it('refuses to copy into it, saying why and what to do, and starts nothing', async () => {
    const o = await exitedOriginal('cp-in', [], 'exit 0');
    ids.push(o.id);
    const before = await snapshot(o.id);
    writeFileSync(join(dir, 'in.txt'), 'x\n');
    const r = await cdebug(['cp', join(dir, 'in.txt'), `${o.name}:/tmp`]);
    expectCdebugError(r, /is not running: cdebug cp into it would write into a throwaway copy.*docker cp/);
    expect(await snapshot(o.id)).toEqual(before);
  });
});
