// GET /api/events against the real engine (Docker, and Podman in project integration-podman),
// with the service's engine behind a counting proxy: a container started or removed from a
// terminal reaches a connected client as a delta without any list call; a session's state
// reaches every client; a cut event stream is followed by one full list; an idle client costs
// the engine nothing.

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveEvent } from '../../src/contract/index.js';
import { connectEngine, PROBE_LIMITS } from '../../src/runtimes/docker/api/connect.js';
import { dockerCatalog } from '../../src/runtimes/docker/catalog.js';
import { OWN_LABELS } from '../../src/runtimes/docker/own-labels.js';
import { dockerSessionEngine } from '../../src/runtimes/docker/sessions.js';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/token.js';
import { countingProxy, type CountingProxy } from '../kit/counting-proxy.js';
import { FIXTURE_LABEL, sleep } from '../kit/engine.js';
import { type EventClient, openEvents } from '../kit/event-client.js';
import { type LoopbackService, serveOnLoopback } from '../kit/service.js';
import { BUSYBOX, docker, DISTROLESS } from '../helpers/docker.js';
import { testOwner } from './live-service.js';

const engineSocket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
const prefix = `evt-${process.pid}`;
let proxy: CountingProxy;
let service: LoopbackService;
const made: string[] = [];

const isList = (r: { method: string; path: string }) => r.method === 'GET' && r.path === '/containers/json';
const upserted = (name: string) => (f: LiveEvent) => f.type === 'container_upserted' && f.container.name === name;

/** the engine's sidecars and copies in use, by the labels the catalog leaves out */
async function ownContainerIds(): Promise<Set<string>> {
  const ids = await Promise.all(OWN_LABELS.map((label) => docker('ps', '-aq', '--no-trunc', '--filter', `label=${label}`)));
  return new Set(ids.flatMap((out) => out.split('\n')).filter(Boolean));
}

async function run(name: string, ...args: string[]): Promise<string> {
  made.push(name);
  return docker('run', '-d', '--network', 'none', '--label', FIXTURE_LABEL, '--name', name, ...args);
}

beforeAll(async () => {
  const dir = join(tmpdir(), 'cdebug-evt');
  mkdirSync(dir, { recursive: true });
  proxy = await countingProxy(join(dir, `engine-${process.pid}.sock`), engineSocket);
  const engine = connectEngine(proxy.url);
  const token = newToken();
  const app = buildApp({
    sessionEngine: dockerSessionEngine(engine, testOwner('events'), () => connectEngine(proxy.url, process.env, PROBE_LIMITS)),
    catalog: dockerCatalog(engine),
    token,
    uiDir: null,
    idleTimeoutSeconds: 0,
    reconcile: false,
  });
  service = await serveOnLoopback(app, token);
});

afterAll(async () => {
  await service?.close();
  await proxy?.close();
  if (made.length) await docker('rm', '-f', ...made).catch(() => undefined);
});

describe('GET /api/events: who may open it', () => {
  const upgrade = (query: string, headers: Record<string, string> = {}) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${service.port}/api/events${query}`, { headers });
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', reject);
    });

  it('needs the token, and refuses a foreign page; a plain GET is told to upgrade', async () => {
    expect(await upgrade('')).toBe(401);
    expect(await upgrade('?token=wrong')).toBe(401);
    expect(await upgrade(`?token=${service.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade(`?token=${service.token}`)).toBe(101);
    const plain = await service.api<{ error: { code: string } }>('GET', '/api/events');
    expect(plain).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
  });
});

describe('GET /api/events', () => {
  let client: EventClient;
  beforeAll(async () => {
    client = await openEvents(service.port, service.token);
  });
  afterAll(() => client.close());

  it('starts with a snapshot of the engines, every container (stopped ones too) and the sessions', async () => {
    const stopped = `${prefix}-stopped`;
    made.push(stopped);
    await docker('create', '--network', 'none', '--label', FIXTURE_LABEL, '--name', stopped, DISTROLESS);
    // the snapshot is what the catalog knows: the create's event is in it once it has been applied
    await client.until(upserted(stopped), `${stopped} created`);
    const late = await openEvents(service.port, service.token);
    try {
      const snapshot = await late.until((f) => f.type === 'snapshot', 'the snapshot');
      expect(late.frames[0]).toBe(snapshot);
      if (snapshot.type !== 'snapshot') throw new Error('unreachable');
      expect(snapshot.engines).toMatchObject([{ name: 'default', reachable: true }]);
      expect(snapshot.containers.find((c) => c.name === stopped)).toMatchObject({ state: 'created', engine: 'default' });
      // cdebug's own containers (sidecars, copies) by their labels: a test's target may be named cdebug-...
      const own = await ownContainerIds();
      expect(snapshot.containers.filter((c) => own.has(c.id))).toEqual([]);
    } finally {
      late.close();
    }
  });

  it('shows a `docker run` as an upsert and a `docker rm` as a removal, without listing', async () => {
    await client.until((f) => f.type === 'snapshot', 'the snapshot');
    const since = proxy.mark();
    const name = `${prefix}-run`;
    const id = await run(name, DISTROLESS);
    const frame = await client.until((f) => upserted(name)(f) && f.type === 'container_upserted' && f.container.state === 'running', `${name} running`);
    expect(frame).toMatchObject({ container: { id, engine: 'default', state: 'running', exitCode: null } });
    await docker('rm', '-f', name);
    await client.until((f) => f.type === 'container_removed' && f.id === id, `${name} removed`);
    expect(since().filter(isList)).toEqual([]);
  });

  it('answers GET /api/containers from the catalog, without asking the engine', async () => {
    const name = `${prefix}-listed`;
    await run(name, DISTROLESS);
    await client.until((f) => upserted(name)(f) && f.type === 'container_upserted' && f.container.state === 'running', `${name} running`);
    const since = proxy.mark();
    const answer = await service.api<{ name: string }[]>('GET', '/api/containers');
    expect(answer.status).toBe(200);
    expect(answer.body.map((c) => c.name)).toContain(name);
    // (an inspect may pass: a late event of that container's, or another test's)
    expect(since().filter((r) => !/^\/containers\/[0-9a-f]{64}\/json$/.test(r.path))).toEqual([]);
  });

  it("brings a session's state changes to every connected client", async () => {
    const target = `${prefix}-target`;
    const targetId = await run(target, DISTROLESS);
    const second = await openEvents(service.port, service.token);
    try {
      await second.until((f) => f.type === 'snapshot', 'the second snapshot');
      const created = await service.api<{ id: string }>('POST', '/api/sessions', { target: targetId, image: BUSYBOX, cmd: ['sleep', '600'] });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const running = (f: LiveEvent) => f.type === 'session_changed' && f.session.id === id && f.session.state === 'running';
      await Promise.all([client.until(running, 'the session running (1st client)'), second.until(running, 'the session running (2nd client)')]);
      expect(await service.api('DELETE', `/api/sessions/${id}`)).toMatchObject({ status: 204 });
      const removed = (f: LiveEvent) => f.type === 'session_removed' && f.id === id;
      await Promise.all([client.until(removed, 'the session removed (1st client)'), second.until(removed, 'the session removed (2nd client)')]);
      // the sidecar (cdebug-<session id>) never shows as a container
      expect(client.frames.some((f) => f.type === 'container_upserted' && f.container.name === `cdebug-${id}`)).toBe(false);
    } finally {
      second.close();
    }
  });

  it('lists everything once when the event stream is cut, and keeps following', async () => {
    const since = proxy.mark();
    const from = client.frames.length;
    expect(proxy.cutEventStreams()).toBeGreaterThan(0);
    const name = `${prefix}-after-cut`;
    await run(name, DISTROLESS);
    await client.until((f) => upserted(name)(f), `${name} after the cut`, from);
    const requests = since();
    expect(requests.filter(isList)).toHaveLength(1);
    expect(requests.filter((r) => r.path === '/events')).toHaveLength(1);
  });

  it('asks the engine nothing while nothing of its own happens', async () => {
    await client.until((f) => f.type === 'snapshot', 'the snapshot');
    const since = proxy.mark();
    await sleep(5000);
    // the engine is shared with other tests: their containers' events are each inspected once,
    // and nothing else is asked (no list, no ping, no describe)
    const unexplained = since().filter((r) => !(r.method === 'GET' && /^\/containers\/[0-9a-f]{64}\/json$/.test(r.path)));
    expect(unexplained).toEqual([]);
  });
});
