// The guard on a real listener: a wrong token, a foreign Origin and a rebinding Host are
// refused before anything reaches the engine; the unix socket needs no token and tells the
// TCP port and token.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { routes, type Session } from '../../src/contract/index.js';
import { connectEngine, PROBE_LIMITS } from '../../src/runtimes/docker/api/connect.js';
import { buildApp } from '../../src/server/app.js';
import { dockerCatalog } from '../../src/runtimes/docker/catalog.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { dockerSessionEngine } from '../../src/runtimes/docker/sessions.js';
import { expectNoSidecars, sidecarsOf, Targets } from './engine-fixtures.js';
import { testOwner } from './live-service.js';

const owner = testOwner('security');
const token = 'security-test-token-0123456789';
const targets = new Targets();
let listening: Listening;
let port: number;
let socketPath: string;
let dir: string;
let sessionId: string;

function http(path: string, options: { headers?: Record<string, string>; method?: string; body?: unknown; socket?: boolean } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        ...(options.socket ? { socketPath } : { host: '127.0.0.1', port }),
        path,
        method: options.method ?? 'GET',
        headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body ? JSON.stringify(options.body) : undefined);
  });
}

function upgrade(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cdebug-security-'));
  socketPath = join(dir, 'cdebug.sock');
  const engine = connectEngine();
  const app = buildApp({
    sessionEngine: dockerSessionEngine(engine, owner, () => connectEngine(undefined, process.env, PROBE_LIMITS)),
    catalog: dockerCatalog(engine),
    token,
    uiDir: null,
    idleTimeoutSeconds: 0,
  });
  listening = await listen(app, { socketPath, tcp: { host: '127.0.0.1', port: 0 } });
  port = listening.port as number;
  const target = await targets.start();
  const created = await http(routes.sessions, { method: 'POST', body: { target: target.name }, headers: { authorization: `Bearer ${token}` } });
  expect(created.status).toBe(201);
  sessionId = (JSON.parse(created.body) as Session).id;
});
afterEach(() => {
  // every refusal happened before the engine was asked anything: still the one sidecar
  expect(sidecarsOf(owner, targets.ids).length).toBeLessThanOrEqual(1);
});
afterAll(async () => {
  await listening?.close();
  const ids = [...targets.ids];
  targets.removeAll();
  await expectNoSidecars(owner, ids);
  rmSync(dir, { recursive: true, force: true });
});

describe('security on a real listener', () => {
  it('refuses a missing or wrong token with 401', async () => {
    expect((await http(routes.sessions)).status).toBe(401);
    expect((await http(routes.sessions, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await http(routes.sessions, { method: 'POST', body: { target: 'x' } })).status).toBe(401);
    expect(await upgrade(`ws://127.0.0.1:${port}${routes.attach(sessionId)}?token=wrong`)).toBe(401);
    expect(await upgrade(`ws://127.0.0.1:${port}${routes.attach(sessionId)}`)).toBe(401);
    expect((await http(routes.sessions, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('refuses a foreign Origin with 403 before the upgrade', async () => {
    const url = `ws://127.0.0.1:${port}${routes.attach(sessionId)}?token=${token}`;
    expect(await upgrade(url, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade(url, { origin: `http://127.0.0.1:${port + 1}` })).toBe(403);
    expect(await upgrade(url, { origin: `http://localhost:${port}` })).toBe(101);
    expect(await upgrade(url)).toBe(101);
  });

  it('refuses a rebinding Host with 403, even with the token', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await http(routes.health, { headers: { ...auth, host: `evil.example:${port}` } })).status).toBe(403);
    expect((await http('/', { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await http(routes.health, { headers: { ...auth, host: `localhost:${port}` } })).status).toBe(200);
    expect(await upgrade(`ws://127.0.0.1:${port}${routes.attach(sessionId)}?token=${token}`, { host: `evil.example:${port}` })).toBe(403);
  });

  it('answers on the unix socket without a token, and tells the TCP port and token there only', async () => {
    const health = await http(routes.health, { socket: true });
    expect(health.status).toBe(200);
    const answer = JSON.parse(health.body) as { ok?: unknown; engine?: { name?: unknown } };
    expect(answer.ok).toBe(true);
    expect(typeof answer.engine?.name).toBe('string');
    const connection = await http(routes.connection, { socket: true });
    expect(JSON.parse(connection.body)).toEqual({ port, token });
    expect((await http(routes.connection, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  it('lists running containers without cdebug sidecars', async () => {
    const res = await http(routes.containers, { headers: { authorization: `Bearer ${token}` } });
    const containers = JSON.parse(res.body) as Array<{ id: string; name: string }>;
    expect(containers.map((c) => c.id)).toContain(targets.ids[0]);
    const sidecars = sidecarsOf(owner, targets.ids);
    expect(containers.some((c) => sidecars.some((s) => c.id.startsWith(s)))).toBe(false);
  });
});
