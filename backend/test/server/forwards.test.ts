// The service's port-forwards end to end against the real engine (Docker here, Podman in the
// integration-podman project): POST/GET/DELETE /api/forwards and GET /api/containers/:id/ports,
// with a `--network none` target serving on its loopback only.

import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ContainerPorts, type Forward, forwardRoutes } from '../../src/contract/index.js';
import { LIFELINE } from '../../src/sidecar/forward-helper.js';
import { docker, sidecarsOf, sleep } from '../helpers/docker.js';
import {
  BIG_FILE_BYTES,
  CLOSED_PORT,
  ECHO_PORT,
  HTTP_PORT,
  halfCloseExchange,
  httpGet,
  refusedExchange,
  startForwardTarget,
} from '../helpers/forward-target.js';
import { poll } from '../kit/engine.js';
import { type LiveService, startService, testOwner } from './live-service.js';

const owner = testOwner('forwards');
const targets: string[] = [];
let service: LiveService;
let target: { id: string; name: string };

beforeAll(async () => {
  target = await startForwardTarget(docker, `fwd-svc-${process.pid}-${Date.now().toString(36)}`);
  targets.push(target.id);
  service = await startService(owner);
}, 120_000);

afterEach(async () => {
  for (const f of (await service.api<Forward[]>('GET', forwardRoutes.forwards)).body) await service.api('DELETE', forwardRoutes.forward(f.id));
  const left = await poll(
    () => sidecarsOf(targets, [owner]),
    (l) => l.length === 0,
    'no forward helper left',
    5000,
  ).catch(() => sidecarsOf(targets, [owner]));
  expect(left, 'forward helpers left behind').toEqual([]);
});

afterAll(async () => {
  await service?.close();
  expect(await sidecarsOf(targets, [owner])).toEqual([]);
  if (targets.length > 0) await docker('rm', '-f', ...targets).catch(() => undefined);
});

async function createForward(body: Record<string, unknown>): Promise<Forward> {
  const res = await service.api<Forward>('POST', forwardRoutes.forwards, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('POST /api/forwards', () => {
  it('forwards a loopback port on the service to HTTP inside a --network none target, and counts the bytes', async () => {
    const forward = await createForward({ target: target.name, remotePort: HTTP_PORT });
    expect(forward).toMatchObject({
      engine: 'default',
      target: { id: target.id, name: target.name },
      localAddress: '127.0.0.1',
      remoteHost: '127.0.0.1',
      remotePort: HTTP_PORT,
    });
    const answer = await httpGet(forward.localPort);
    expect(answer.body.toString()).toBe('forwarded-ok\n');
    const listed = await poll(
      async () => (await service.api<Forward[]>('GET', forwardRoutes.forwards)).body,
      (l) => l.length === 1 && (l[0]?.bytesOut ?? 0) >= answer.body.length && (l[0]?.bytesIn ?? 0) > 0,
      'the byte counts',
      5000,
    );
    expect(listed[0]).toMatchObject({ id: forward.id, accepted: 1 });
    expect((await service.api<Forward>('GET', forwardRoutes.forward(forward.id))).body.id).toBe(forward.id);
  });

  const IDLE_MS = LIFELINE.timeoutSeconds * 1500;
  it(
    "keeps a forward left idle for longer than its helper's lifeline timeout: the service's heartbeat holds it",
    async () => {
      const forward = await createForward({ target: target.name, remotePort: HTTP_PORT });
      await sleep(IDLE_MS);
      expect((await service.api<Forward>('GET', forwardRoutes.forward(forward.id))).status).toBe(200);
      expect((await httpGet(forward.localPort)).body.toString()).toBe('forwarded-ok\n');
    },
    IDLE_MS + 60_000,
  );

  it('carries half-closed exchanges, 20 MB unchanged and 120 connections at once', async () => {
    const echo = await createForward({ target: target.id, remotePort: ECHO_PORT });
    const data = Buffer.alloc(256 * 1024, 0x5a);
    expect((await halfCloseExchange(echo.localPort, data)).equals(data)).toBe(true);

    const http = await createForward({ target: target.id, remotePort: HTTP_PORT, remoteHost: '127.0.0.1' });
    const [big, sum] = await Promise.all([httpGet(http.localPort, '/big', 60_000), httpGet(http.localPort, '/big.sha256')]);
    expect(big.body.length).toBe(BIG_FILE_BYTES);
    expect(createHash('sha256').update(big.body).digest('hex')).toBe(sum.body.toString().trim());

    const answers = await Promise.all(Array.from({ length: 120 }, () => httpGet(http.localPort, '/', 90_000)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(120);
  }, 150_000);

  it('closes a connection to a port nothing listens on, and the forward stays', async () => {
    const forward = await createForward({ target: target.id, remotePort: CLOSED_PORT });
    expect(await refusedExchange(forward.localPort)).toEqual({ bytes: 0, closed: true });
    expect((await service.api('GET', forwardRoutes.forward(forward.id))).status).toBe(200);
  });

  it('refuses bad bodies, an unknown engine, a missing and a stopped target, and starts nothing', async () => {
    for (const body of [
      {},
      { target: 'x' },
      { target: 'x', remotePort: 0 },
      { target: 'x', remotePort: 70000 },
      { target: 'x', remotePort: 80, remoteHost: '-e sh' },
      { target: 'x', remotePort: 80, extra: 1 },
    ]) {
      const res = await service.api<{ error: { code: string } }>('POST', forwardRoutes.forwards, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    const unknownEngine = await service.api<{ error: { code: string } }>('POST', forwardRoutes.forwards, { target: target.id, remotePort: 80, engine: 'nope' });
    expect([unknownEngine.status, unknownEngine.body.error.code]).toEqual([404, 'engine_not_found']);
    const missing = await service.api<{ error: { code: string } }>('POST', forwardRoutes.forwards, { target: `fwd-none-${process.pid}`, remotePort: 80 });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'target_not_found']);
    const stopped = await docker(
      'create',
      '--network',
      'none',
      '--label',
      'io.cdebug.fixture=1',
      '--name',
      `fwd-svc-stopped-${process.pid}`,
      'busybox:latest',
      'true',
    );
    targets.push(stopped);
    const notRunning = await service.api<{ error: { code: string } }>('POST', forwardRoutes.forwards, { target: stopped, remotePort: 80 });
    expect([notRunning.status, notRunning.body.error.code]).toEqual([409, 'target_not_running']);
    expect((await service.api<Forward[]>('GET', forwardRoutes.forwards)).body).toEqual([]);
  });

  it('ends a forward whose target dies, and removes its helper', async () => {
    const dying = await startForwardTarget(docker, `fwd-svc-dying-${process.pid}-${Date.now().toString(36)}`);
    targets.push(dying.id);
    const forward = await createForward({ target: dying.id, remotePort: HTTP_PORT });
    expect((await httpGet(forward.localPort)).status).toBe(200);
    await docker('kill', dying.id);
    await poll(
      async () => (await service.api('GET', forwardRoutes.forward(forward.id))).status,
      (s) => s === 404,
      'the forward to end',
      15_000,
    );
    expect(await refusedExchange(forward.localPort)).toEqual({ bytes: 0, closed: true });
  });
});

describe('DELETE /api/forwards/:id', () => {
  it('stops listening and removes the helper; an unknown id is forward_not_found', async () => {
    const forward = await createForward({ target: target.id, remotePort: HTTP_PORT });
    const res = await service.api('DELETE', forwardRoutes.forward(forward.id));
    expect(res.status).toBe(204);
    expect(await sidecarsOf([target.id], [owner])).toEqual([]);
    expect(await refusedExchange(forward.localPort)).toEqual({ bytes: 0, closed: true });
    const again = await service.api<{ error: { code: string } }>('DELETE', forwardRoutes.forward(forward.id));
    expect([again.status, again.body.error.code]).toEqual([404, 'forward_not_found']);
  });
});

describe('a service start', () => {
  it("removes the forward helpers its owner's earlier run left, and no one else's", async () => {
    const later = testOwner('forwards-later');
    const label = (owner: string, id: string) => [
      '--label',
      `io.cdebug.owner=${owner}`,
      '--label',
      `io.cdebug.forward=${id}`,
      '--label',
      `io.cdebug.session=forward-${id}`,
      '--label',
      `io.cdebug.target=${target.id}`,
    ];
    const mine = await docker(
      'run',
      '-d',
      '--network',
      `container:${target.id}`,
      '--label',
      'io.cdebug.fixture=1',
      ...label(later, 'left1'),
      'busybox:latest',
      'sleep',
      '1000',
    );
    const others = await docker(
      'run',
      '-d',
      '--network',
      `container:${target.id}`,
      '--label',
      'io.cdebug.fixture=1',
      ...label(`${later}-other`, 'left2'),
      'busybox:latest',
      'sleep',
      '1000',
    );
    const second = await startService(later);
    try {
      await poll(
        () => sidecarsOf([], [later]),
        (l) => l.length === 0,
        "the earlier run's helper to go",
        15_000,
      );
      expect(await docker('inspect', '-f', '{{.State.Running}}', others)).toBe('true');
    } finally {
      await second.close();
      await docker('rm', '-f', mine, others).catch(() => undefined);
    }
  });
});

describe('GET /api/containers/:id/ports', () => {
  it("lists the ports that listen in the target's network namespace, and leaves no reader behind", async () => {
    const res = await service.api<ContainerPorts>('GET', forwardRoutes.containerPorts(target.id));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.target.id).toBe(target.id);
    expect(res.body.ports).toEqual(expect.arrayContaining([ECHO_PORT, HTTP_PORT]));
    expect(res.body.listening).toContainEqual({ address: '127.0.0.1', port: HTTP_PORT });
    expect(res.body.exposed).toEqual([]);
    expect(await sidecarsOf([target.id], [owner])).toEqual([]);
  });

  it('answers target_not_found for an unknown container', async () => {
    const res = await service.api<{ error: { code: string } }>('GET', forwardRoutes.containerPorts(`fwd-none-${process.pid}`));
    expect([res.status, res.body.error.code]).toEqual([404, 'target_not_found']);
  });
});
