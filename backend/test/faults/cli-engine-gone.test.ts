// `cdebug exec` when the engine goes away under its command. A private dockerd (never the
// shared one) is stopped while `sleep 100` runs in a sidecar on it. The CLI tells why the
// command ended as the service does (one exit diagnosis, backend/src/sessions/sidecar-exit.ts):
// status 125 and a line that says the engine went away, not that the target stopped (which an
// engine's shutdown also does, after it has stopped taking connections).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, ensureBuilt, startCli } from '../helpers/cli.js';
import { BUSYBOX, DISTROLESS, poll } from '../helpers/docker.js';
import { sessionFilter, startFixtureTarget } from '../kit/engine.js';
import { type PrivateEngine, startPrivateEngine } from '../helpers/private-engine.js';

let engine: PrivateEngine;

beforeAll(async () => {
  ensureBuilt();
  engine = await startPrivateEngine({ images: [DISTROLESS, BUSYBOX] });
}, 180_000);

afterAll(async () => {
  await engine?.dispose();
});

describe('cdebug exec: the engine goes away', () => {
  it('exits 125 saying the engine went away, not that the target stopped', async () => {
    const name = `cdebug-fault-cli-${Date.now().toString(36)}`;
    const id = await startFixtureTarget(engine, { name });
    const cli = startCli(['exec', id, 'sleep', '100'], { env: { DOCKER_HOST: engine.host, DOCKER_CONTEXT: undefined }, timeoutMs: 60_000 });
    const sidecar = await poll(
      () => engine.docker('ps', '-q', '--filter', sessionFilter()),
      (ids) => ids.length > 0,
      'the sidecar to start',
      20_000,
    );
    await poll(
      () => engine.docker('top', sidecar),
      (ps) => ps.includes('sleep 100'),
      'the command to run',
      20_000,
    );

    await engine.stop();
    const r = await cli.result;
    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(r.code, describeRun(r)).toBe(125);
    expect(r.stderr, describeRun(r)).toMatch(/^cdebug: The container engine went away while the command ran/m);
  });
});
