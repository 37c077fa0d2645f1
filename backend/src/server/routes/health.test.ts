// GET /api/health on its own: the engine up, down, and hung (a dockerd still restoring its
// containers accepts connections and answers only later): the last two are 503
// engine_unreachable, and a hung engine does not hold the answer.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { CdebugError, type EngineInfo, type Health, routes } from '../../contract/index.js';
import type { CatalogEngine } from '../../runtimes/port.js';
import { healthRoutes } from './health.js';

type Mode = 'up' | 'down' | 'hung';

function catalog(mode: Mode): CatalogEngine {
  const describe = (): Promise<EngineInfo> => {
    if (mode === 'down') return Promise.reject(new CdebugError('engine_unreachable', 'down'));
    if (mode === 'hung') return new Promise<EngineInfo>(() => undefined);
    return Promise.resolve({ name: 'Docker Engine', version: '27.0.0', apiVersion: '1.47' });
  };
  return { describe, containers: async () => [], images: async () => [], debuggableImages: async () => [], logs: async () => [] };
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function health(mode: Mode): Promise<{ status: number; body: Health }> {
  const app = Fastify();
  apps.push(app);
  await app.register(healthRoutes, { catalog: catalog(mode), version: '1.2.3', timeoutMs: 50 });
  const res = await app.inject({ url: routes.health });
  return { status: res.statusCode, body: res.json<Health>() };
}

describe('GET /api/health', () => {
  it('is ok with the engine that answers', async () => {
    expect(await health('up')).toEqual({
      status: 200,
      body: { ok: true, version: '1.2.3', engine: { name: 'Docker Engine', version: '27.0.0', apiVersion: '1.47' } },
    });
  });

  it('reports an engine that is down or does not answer in time as 503 engine_unreachable', async () => {
    for (const mode of ['down', 'hung'] as const) {
      const { status, body } = await health(mode);
      expect([status, body.ok, body.engine, body.error?.code], mode).toEqual([503, false, null, 'engine_unreachable']);
    }
  });
});
