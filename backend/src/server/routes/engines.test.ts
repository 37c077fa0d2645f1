// The multi-engine routes through inject(), with two fake engines: /api/engines, containers
// with their engine and ?engine=, sessions on a named engine, and the single-engine defaults.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/server/fake-engine.js';
import { until } from '../../../test/server/recording-client.js';
import { AUTH, FakeCatalog, TOKEN } from '../../../test/server/unit-app.js';
import { type ContainerSummary, type EngineStatus, routes, type Session } from '../../contract/index.js';
import { EnginePool } from '../../runtimes/pool.js';
import { buildApp } from '../app.js';
import { anyString } from '../../../test/helpers/matchers.js';
import { runningContainer } from '../../../test/kit/containers.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

function running(name: string) {
  return runningContainer({ name });
}

function twoEngines() {
  const sides = (['one', 'two'] as const).map((name) => {
    const sessions = new FakeEngine();
    sessions.addTarget(`app-${name}`);
    const catalog = new FakeCatalog();
    catalog.running = [running(`app-${name}`)] as ContainerSummary[];
    return { name, sessions, catalog };
  });
  const engines = new EnginePool(sides.map(({ name, sessions, catalog }) => ({ name, host: `unix:///run/${name}.sock`, sessions, catalog })));
  const app = buildApp({ engines, token: TOKEN, uiDir: null, idleTimeoutSeconds: 0 });
  apps.push(app);
  const [one, two] = sides as [(typeof sides)[number], (typeof sides)[number]];
  return { app, one, two };
}

const json = <T>(body: string) => JSON.parse(body) as T;
const errorCode = (body: string) => json<{ error: { code: string } }>(body).error.code;

describe('GET /api/engines', () => {
  it('lists the engines in order with the default marked, and one that is down as unreachable', async () => {
    const { app, two } = twoEngines();
    two.catalog.reachable = false;
    const res = await app.inject({ url: routes.engines, headers: AUTH });
    expect(res.statusCode).toBe(200);
    expect(json<EngineStatus[]>(res.body)).toEqual([
      { name: 'one', host: 'unix:///run/one.sock', default: true, reachable: true, engine: { name: 'Docker Engine', version: '99.0.0', apiVersion: '1.99' } },
      {
        name: 'two',
        host: 'unix:///run/two.sock',
        default: false,
        reachable: false,
        engine: null,
        error: { code: 'engine_unreachable', message: anyString() },
      },
    ]);
  });

  it('needs the token like every /api route', async () => {
    const { app } = twoEngines();
    expect((await app.inject({ url: routes.engines })).statusCode).toBe(401);
  });
});

describe('GET /api/containers with two engines', () => {
  it('lists both, each container with its engine, and one with ?engine=', async () => {
    const { app } = twoEngines();
    const all = json<ContainerSummary[]>((await app.inject({ url: routes.containers, headers: AUTH })).body);
    expect(all.map((c) => [c.engine, c.name]).sort()).toEqual([
      ['one', 'app-one'],
      ['two', 'app-two'],
    ]);
    const two = json<ContainerSummary[]>((await app.inject({ url: routes.containersOn('two'), headers: AUTH })).body);
    expect(two.map((c) => c.name)).toEqual(['app-two']);
  });

  it('refuses an unknown engine (404) and an unsafe name (400)', async () => {
    const { app } = twoEngines();
    const unknown = await app.inject({ url: routes.containersOn('three'), headers: AUTH });
    expect([unknown.statusCode, errorCode(unknown.body)]).toEqual([404, 'engine_not_found']);
    const unsafe = await app.inject({ url: routes.containersOn('../x'), headers: AUTH });
    expect([unsafe.statusCode, errorCode(unsafe.body)]).toEqual([400, 'bad_request']);
  });

  it("answers with the engine's error when the one asked for is down", async () => {
    const { app, two } = twoEngines();
    two.catalog.reachable = false;
    two.catalog.containers = () => two.catalog.describe().then(() => []);
    const res = await app.inject({ url: routes.containersOn('two'), headers: AUTH });
    expect([res.statusCode, errorCode(res.body)]).toEqual([503, 'engine_unreachable']);
    const all = json<ContainerSummary[]>((await app.inject({ url: routes.containers, headers: AUTH })).body);
    expect(all.map((c) => c.name)).toEqual(['app-one']);
  });
});

describe('POST /api/sessions with two engines', () => {
  it('starts the session on the named engine and says so; none named is the default', async () => {
    const { app, one, two } = twoEngines();
    const onTwo = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app-two', engine: 'two' } });
    expect(onTwo.statusCode).toBe(201);
    expect(json<Session>(onTwo.body)).toMatchObject({ engine: 'two', target: { name: 'app-two' } });
    const onOne = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app-one' } });
    expect(json<Session>(onOne.body).engine).toBe('one');
    // the target of one engine is not found on the other
    const wrong = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app-one', engine: 'two' } });
    expect([wrong.statusCode, errorCode(wrong.body)]).toEqual([404, 'target_not_found']);
    const listed = json<Session[]>((await app.inject({ url: routes.sessions, headers: AUTH })).body);
    expect(listed.map((s) => s.engine).sort()).toEqual(['one', 'two']);
    await until(() => one.sessions.sidecars.length === 1 && two.sessions.sidecars.length === 1, 'one sidecar on each engine');
  });

  it('refuses an unknown engine with 404 and an unsafe one with 400, starting nothing', async () => {
    const { app, one, two } = twoEngines();
    const unknown = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app-one', engine: 'three' } });
    expect([unknown.statusCode, errorCode(unknown.body)]).toEqual([404, 'engine_not_found']);
    for (const engine of ['', 'a b', 'x'.repeat(64), 7]) {
      const bad = await app.inject({ method: 'POST', url: routes.sessions, headers: AUTH, payload: { target: 'app-one', engine } });
      expect([bad.statusCode, errorCode(bad.body)], String(engine)).toEqual([400, 'bad_request']);
    }
    expect([one.sessions.sidecars.length, two.sessions.sidecars.length]).toEqual([0, 0]);
  });
});
