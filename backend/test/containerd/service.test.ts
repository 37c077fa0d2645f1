// The service with a containerd engine beside Docker (as `cdebug serve --engine NAME=containerd://...`
// builds it, through runtimes/adapters.ts): the engine listed and reachable, its running
// containers with the engine named, and a session over the WebSocket with its resize and exit.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ContainerSummary, type EngineStatus, routes } from '../../src/contract/index.js';
import { engineEntry } from '../../src/runtimes/adapters.js';
import { EnginePool } from '../../src/runtimes/pool.js';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/token.js';
import { type LoopbackService, serveOnLoopback } from '../kit/service.js';
import { TermClient } from '../server/term-client.js';
import { type CtrTarget, ctr, expectNothingLeft, HOST, removeCtrTargets, startCtrTarget } from './ctr.js';

const ENGINE = 'ctrd';
let service: LoopbackService;
let target: CtrTarget;
let stopped: CtrTarget;
const clients: TermClient[] = [];

beforeAll(async () => {
  [target, stopped] = await Promise.all([startCtrTarget(), startCtrTarget()]);
  await ctr('default', 'tasks', 'kill', '-s', 'SIGKILL', stopped.id);
  const owner = `service:ctrd-test-${process.pid}`;
  const engines = new EnginePool([
    await engineEntry({ name: 'docker' }, owner, process.env),
    await engineEntry({ name: ENGINE, url: HOST }, owner, process.env),
  ]);
  const token = newToken();
  service = await serveOnLoopback(buildApp({ engines, token, uiDir: null, idleTimeoutSeconds: 0, keepSessionsOnClose: false }), token);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.close();
});
afterAll(async () => {
  await service?.close();
  await expectNothingLeft();
  await removeCtrTargets();
});

describe('the service with a containerd engine', () => {
  it('lists the engine, reachable, as containerd with its namespace', async () => {
    const { status, body } = await service.api<EngineStatus[]>('GET', routes.engines);
    expect(status).toBe(200);
    const ctrd = body.find((e) => e.name === ENGINE);
    expect(ctrd).toMatchObject({ reachable: true, host: `${HOST}?namespace=default`, engine: { name: 'containerd (namespace default)' } });
  });

  it('lists its running containers (not the stopped one, and no sidecar), named by engine', async () => {
    const { body } = await service.api<ContainerSummary[]>('GET', `${routes.containers}?engine=${ENGINE}`);
    const ids = body.map((c) => c.id);
    expect(ids).toContain(target.id);
    expect(ids).not.toContain(stopped.id);
    expect(body.find((c) => c.id === target.id)).toMatchObject({
      engine: ENGINE,
      state: 'running',
      image: 'docker.io/cdebug-fixture/distroless:latest',
      command: '/app',
    });
    const all = await service.api<ContainerSummary[]>('GET', `${routes.containers}?engine=${ENGINE}&all=1`);
    expect(all.body.find((c) => c.id === stopped.id)?.state).toBe('exited');
    // and beside Docker's, in the list of every engine
    const every = await service.api<ContainerSummary[]>('GET', routes.containers);
    expect(every.body.some((c) => c.engine === ENGINE && c.id === target.id)).toBe(true);
  });

  it('opens a session over the WebSocket: a prompt in the target, a resize, the exit code', async () => {
    const session = await service.createSession({ target: target.id, engine: ENGINE, cols: 90, rows: 25 });
    expect(session.engine).toBe(ENGINE);
    const client = await TermClient.open(service.wsUrl(session.id), { cols: 90, rows: 25 });
    clients.push(client);
    await client.waitFor(/\/srv #$/m, 'the prompt in the target', 30_000);
    client.type('stty size; echo "mode=$FIXTURE_MODE"\r');
    await client.waitFor(/^25 90$/m, 'the launch size');
    await client.waitFor(/^mode=distroless$/m, "the target's environment");
    client.resize(100, 30);
    for (let i = 0; i < 5; i++) {
      client.type('stty size\r');
      if (
        await client.waitFor(/^30 100$/m, 'the new size', 2000).then(
          () => true,
          () => false,
        )
      )
        break;
    }
    expect(client.screen()).toMatch(/^30 100$/m);
    client.type('exit 5\r');
    expect(await client.closed).toBe(1000);
    expect(client.frames).toContainEqual({ type: 'exit', code: 5 });
    await expectNothingLeft();
  });

  it('refuses a target that is not there, with the engine named', async () => {
    const r = await service.api<{ error: { code: string } }>('POST', routes.sessions, { target: 'ctrd-missing', engine: ENGINE });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('target_not_found');
  });
});
