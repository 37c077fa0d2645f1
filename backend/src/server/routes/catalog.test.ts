// GET /api/containers?all=1, /api/images and /api/containers/{id}/logs through inject() with a
// fake engine: what they answer, what they refuse, and that they keep the token rule.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, unitApp } from '../../../test/server/unit-app.js';
import { type ContainerLogs, type ContainerSummary, type ImageSummary, routes } from '../../contract/index.js';
import { runningContainer } from '../../../test/kit/containers.js';

const apps: FastifyInstance[] = [];
function make() {
  const made = unitApp();
  apps.push(made.app);
  return made;
}
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const json = <T>(body: string) => JSON.parse(body) as T;
const errorCode = (body: string) => json<{ error: { code: string } }>(body).error.code;

describe('GET /api/containers?all=1', () => {
  it('adds stopped containers, with exit code and finish time, only when asked', async () => {
    const { app, catalog } = make();
    catalog.running = [runningContainer({ id: 'up-id', name: 'up', image: 'i' })];
    catalog.stopped = [runningContainer({ id: 'down-id', name: 'down', image: 'i', state: 'exited', exitCode: 3, finishedAt: '2026-01-01T00:00:00Z' })];
    const running = await app.inject({ url: routes.containers, headers: AUTH });
    expect(json<ContainerSummary[]>(running.body).map((c) => c.name)).toEqual(['up']);
    for (const url of [routes.allContainers, '/api/containers?all=true', routes.allContainersOn('default')]) {
      const all = await app.inject({ url, headers: AUTH });
      expect(all.statusCode).toBe(200);
      expect(json<ContainerSummary[]>(all.body).find((c) => c.name === 'down')).toMatchObject({
        state: 'exited',
        exitCode: 3,
        finishedAt: '2026-01-01T00:00:00Z',
        engine: 'default',
      });
    }
    const explicitNo = await app.inject({ url: '/api/containers?all=0', headers: AUTH });
    expect(json<ContainerSummary[]>(explicitNo.body).map((c) => c.name)).toEqual(['up']);
  });

  it('refuses an all that is not a yes or a no', async () => {
    const { app } = make();
    const res = await app.inject({ url: '/api/containers?all=maybe', headers: AUTH });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res.body)).toBe('bad_request');
  });
});

describe('GET /api/images', () => {
  it("lists the engine's debuggable images, each with its engine", async () => {
    const { app, catalog } = make();
    catalog.debuggable = [{ id: 'sha256:a', tags: ['app:1'], size: 10, createdAt: '2026-01-01T00:00:00.000Z' }];
    for (const url of [routes.images, routes.imagesOn('default')]) {
      const res = await app.inject({ url, headers: AUTH });
      expect(res.statusCode).toBe(200);
      expect(json<ImageSummary[]>(res.body)).toEqual([{ id: 'sha256:a', tags: ['app:1'], size: 10, createdAt: '2026-01-01T00:00:00.000Z', engine: 'default' }]);
    }
  });

  it('refuses an engine it does not drive', async () => {
    const { app } = make();
    const res = await app.inject({ url: routes.imagesOn('other'), headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res.body)).toBe('engine_not_found');
  });
});

describe('GET /api/containers/{id}/logs', () => {
  it('answers the last 50 lines by default, or the tail asked for', async () => {
    const { app, catalog } = make();
    const lines = Array.from({ length: 600 }, (_, i) => `line ${i}`);
    catalog.logLines.set('app', lines);
    const byDefault = await app.inject({ url: routes.containerLogs('app'), headers: AUTH });
    expect(byDefault.statusCode).toBe(200);
    expect(json<ContainerLogs>(byDefault.body).lines).toEqual(lines.slice(-50));
    const most = await app.inject({ url: routes.containerLogs('app', { tail: 500, engine: 'default' }), headers: AUTH });
    expect(json<ContainerLogs>(most.body).lines).toEqual(lines.slice(-500));
    const one = await app.inject({ url: routes.containerLogs('app', { tail: 1 }), headers: AUTH });
    expect(json<ContainerLogs>(one.body).lines).toEqual(['line 599']);
  });

  it('refuses a tail of none, over 500, or not a number', async () => {
    const { app, catalog } = make();
    catalog.logLines.set('app', ['x']);
    for (const tail of ['0', '501', '99999', 'ten', '-1', '']) {
      const res = await app.inject({ url: `/api/containers/app/logs?tail=${tail}`, headers: AUTH });
      expect(res.statusCode, tail).toBe(400);
      expect(errorCode(res.body)).toBe('bad_request');
    }
  });

  it('answers 404 target_not_found for a container that does not exist', async () => {
    const { app } = make();
    const res = await app.inject({ url: routes.containerLogs('gone'), headers: AUTH });
    expect(res.statusCode).toBe(404);
    expect(errorCode(res.body)).toBe('target_not_found');
  });

  it('keeps the token rule of every route', async () => {
    const { app, catalog } = make();
    catalog.logLines.set('app', ['secret']);
    for (const url of [routes.containerLogs('app'), routes.images, routes.allContainers]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(errorCode(res.body)).toBe('unauthorized');
    }
  });
});
