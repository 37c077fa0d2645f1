// The routes of the contract, one by one, through inject() with fake engines.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, TOKEN, unitApp } from '../../test/server/unit-app.js';
import { until } from '../../test/server/recording-client.js';
import { routes, type Session, type Toolkit } from '../contract/index.js';
import { anyString } from '../../test/helpers/matchers.js';
import { runningContainer } from '../../test/kit/containers.js';

const apps: FastifyInstance[] = [];
function make(...args: Parameters<typeof unitApp>) {
  const made = unitApp(...args);
  apps.push(made.app);
  return made;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const json = <T>(body: string) => JSON.parse(body) as T;
const errorCode = (body: string) => json<{ error: { code: string; message: string } }>(body).error.code;

describe('GET /api/health', () => {
  it('answers ok with the engine', async () => {
    const { app } = make();
    const res = await app.inject({ url: routes.health, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toMatchObject({ ok: true, version: anyString(), engine: { name: 'Docker Engine', version: '99.0.0', apiVersion: '1.99' } });
  });

  it('answers 503 with the reason when the engine is unreachable', async () => {
    const { app, catalog } = make();
    catalog.reachable = false;
    const res = await app.inject({ url: routes.health, headers: AUTH });
    expect(res.statusCode).toBe(503);
    expect(json(res.body)).toMatchObject({ ok: false, engine: null, error: { code: 'engine_unreachable' } });
  });
});

describe('GET /api/containers and /api/toolkits', () => {
  it('lists what the engine lists', async () => {
    const { app, catalog } = make();
    catalog.running = [runningContainer({ id: 'a'.repeat(64), name: 'web', image: 'nginx' })];
    const res = await app.inject({ url: routes.containers, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(json<Array<{ name: string }>>(res.body).map((c) => c.name)).toEqual(['web']);
  });

  it('lists presets (busybox first, local when present) and local toolkit images', async () => {
    const { app, catalog } = make();
    catalog.images_ = [
      { tags: ['busybox:latest'], labels: {} },
      { tags: ['cdebug-fixture/nixkit:latest'], labels: {} },
      { tags: ['nginx:latest'], labels: {} },
      { tags: ['acme/tools:1'], labels: { 'io.cdebug.toolkit': 'true', 'org.opencontainers.image.title': 'ACME tools' } },
    ];
    const res = await app.inject({ url: routes.toolkits, headers: AUTH });
    const toolkits = json<Toolkit[]>(res.body);
    expect(toolkits[0]).toMatchObject({ image: 'busybox:latest', local: true, preset: true });
    expect(toolkits.filter((t) => t.preset).map((t) => t.image)).toContain('nicolaka/netshoot:latest');
    expect(toolkits.find((t) => t.image === 'alpine:latest')?.local).toBe(false);
    expect(toolkits.filter((t) => !t.preset).map((t) => [t.image, t.title, t.local])).toEqual([
      ['acme/tools:1', 'ACME tools', true],
      ['cdebug-fixture/nixkit:latest', 'cdebug-fixture/nixkit', true],
    ]);
  });
});

describe('sessions CRUD', () => {
  it('creates (201, starting, Location), lists newest first, reads and deletes', async () => {
    const { app, engine } = make();
    const created = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app', cols: 100, rows: 30, env: { A: 'b' } } });
    expect(created.statusCode).toBe(201);
    const s = json<Session>(created.body);
    expect(s).toMatchObject({ state: 'starting', target: { name: 'app' }, image: 'busybox:latest', cols: 100, rows: 30 });
    expect(created.headers.location).toBe(routes.session(s.id));
    await until(() => engine.sidecars.length === 1, 'sidecar');

    const second = json<Session>((await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app' } })).body);
    const list = json<Session[]>((await app.inject({ url: routes.sessions, headers: AUTH })).body);
    expect(list.map((x) => x.id)).toEqual([second.id, s.id]);

    const one = await app.inject({ url: routes.session(s.id), headers: AUTH });
    expect(json<Session>(one.body)).toMatchObject({ id: s.id, state: 'running' });

    const del = await app.inject({ method: 'DELETE', url: routes.session(s.id), headers: AUTH });
    expect(del.statusCode).toBe(204);
    expect(engine.sidecars[0]?.stopped).toBe(true);
    const gone = await app.inject({ url: routes.session(s.id), headers: AUTH });
    expect(gone.statusCode).toBe(404);
    expect(errorCode(gone.body)).toBe('session_not_found');
    const again = await app.inject({ method: 'DELETE', url: routes.session(s.id), headers: AUTH });
    expect(errorCode(again.body)).toBe('session_not_found');
  });

  it('answers what it knows at once: unknown target 404, stopped 409, bad image 400', async () => {
    const { app, engine } = make();
    engine.addTarget('down', 'stopped');
    const post = (payload: object) => app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload });
    const missing = await post({ target: 'nope' });
    expect([missing.statusCode, errorCode(missing.body)]).toEqual([404, 'target_not_found']);
    const down = await post({ target: 'down' });
    expect([down.statusCode, errorCode(down.body)]).toEqual([409, 'target_not_running']);
    const image = await post({ target: 'app', image: 'Not An Image' });
    expect([image.statusCode, errorCode(image.body)]).toEqual([400, 'invalid_image']);
    expect(engine.sidecars).toHaveLength(0);
  });
});

describe('body validation', () => {
  const cases: Array<[string, unknown]> = [
    ['no target', {}],
    ['empty target', { target: '' }],
    ['unknown field', { target: 'app', tty: true }],
    ['cols as a string', { target: 'app', cols: '80' }],
    ['cols too large', { target: 'app', cols: 5000 }],
    ['rows zero', { target: 'app', rows: 0 }],
    ['fractional cols', { target: 'app', cols: 80.5 }],
    ['cmd not strings', { target: 'app', cmd: ['ls', 1] }],
    ['env value not a string', { target: 'app', env: { A: 1 } }],
    ['privileged as a string', { target: 'app', privileged: 'yes' }],
    ['an array', [{ target: 'app' }]],
  ];
  it.each(cases)('refuses %s with 400 bad_request', async (_name, payload) => {
    const { app, engine } = make();
    const res = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: payload as object });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res.body)).toBe('bad_request');
    expect(engine.sidecars).toHaveLength(0);
  });

  it('refuses malformed JSON, a wrong content type and an oversized body', async () => {
    const { app } = make();
    const bad = await app.inject({ method: 'POST', url: routes.sessions, headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"target":' });
    expect([bad.statusCode, errorCode(bad.body)]).toEqual([400, 'bad_request']);
    const text = await app.inject({ method: 'POST', url: routes.sessions, headers: { ...AUTH, 'content-type': 'text/plain' }, payload: 'target=app' });
    expect([text.statusCode, errorCode(text.body)]).toEqual([400, 'bad_request']);
    const big = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app', cmd: ['x'.repeat(100_000)] } });
    expect([big.statusCode, errorCode(big.body)]).toEqual([413, 'payload_too_large']);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const { app } = make();
    const res = await app.inject({ url: '/api/nope', headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res.body)).toBe('not_found');
  });
});

describe('GET /api/connection', () => {
  it('is answered on the unix socket only', async () => {
    const unix = make({ injectedAs: { kind: 'unix', path: '/run/cdebug.sock' } });
    unix.app.cdebug.listeners.add({ kind: 'tcp', host: '127.0.0.1', port: 7681, remote: false });
    const res = await unix.app.inject({ url: routes.connection });
    expect(res.statusCode).toBe(200);
    expect(json(res.body)).toEqual({ port: 7681, token: TOKEN });

    const tcp = make();
    const refused = await tcp.app.inject({ url: routes.connection, headers: AUTH });
    expect([refused.statusCode, errorCode(refused.body)]).toEqual([404, 'not_found']);
  });
});
