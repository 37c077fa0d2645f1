// What `cdebug serve` loads before its first session, with Docker its only engine: the Docker
// adapter, and neither the containerd nor the CRI adapter (their gRPC clients, protos and codecs
// are loaded by runtimes/adapters.ts when an engine of that kind is configured), nor TypeBox's
// value tree (the frame codec's Check comes from typebox/schema). Each is memory the service
// would hold from its start (docs/BENCHMARKS.md, service_rss_at_start).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceProcess, startServiceProcess } from '../faults/service-process.js';

const RECORDER = fileURLToPath(new URL('./fixtures/record-modules.mjs', import.meta.url));

let dir: string;
let service: ServiceProcess | undefined;
let loaded: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rss-start-modules-'));
  const file = join(dir, 'modules.txt');
  service = await startServiceProcess({ nodeArgs: ['--import', RECORDER], env: { CDEBUG_TEST_MODULES_FILE: file } });
  // listening: everything a start loads is loaded (the engine is reached before the URL is printed)
  loaded = readFileSync(file, 'utf8').split('\n').filter(Boolean);
}, 60_000);

afterAll(async () => {
  await service?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** the loaded files of cdebug's build under `folder` (a path below dist/) */
function cdebugFiles(folder: string): string[] {
  return loaded.filter((url) => url.includes(`/backend/dist/${folder}`)).map((url) => url.replace(/^.*\/backend\/dist\//, ''));
}

describe('cdebug serve with the Docker engine only, once it listens', () => {
  it('has loaded the Docker adapter through the picker', () => {
    expect(cdebugFiles('runtimes/adapters.js')).toHaveLength(1);
    expect(cdebugFiles('runtimes/docker/')).toEqual(expect.arrayContaining(['runtimes/docker/entry.js', 'runtimes/docker/runtime.js']));
  });

  it('has not loaded the containerd or CRI adapters: only what reads their addresses', () => {
    expect(cdebugFiles('runtimes/containerd/')).toEqual(['runtimes/containerd/address.js']);
    expect(cdebugFiles('runtimes/cri/')).toEqual(['runtimes/cri/address.js']);
    expect(cdebugFiles('runtimes/kube-stream/')).toEqual([]);
  });

  it('checks frames with typebox/schema and has not loaded typebox/value', () => {
    expect(loaded.some((url) => url.includes('/node_modules/typebox/build/schema/'))).toBe(true);
    expect(loaded.filter((url) => url.includes('/node_modules/typebox/build/value/'))).toEqual([]);
  });
});
