// GET /api/health: the service is up; what engine it drives, or why it cannot reach one.

import type { FastifyInstance } from 'fastify';
import { type Health, routes } from '../../contract/index.js';
import type { CatalogEngine } from '../catalog.js';
import { toCdebugError } from '../errors.js';

export interface HealthOptions {
  catalog: CatalogEngine;
  version: string;
}

export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const { catalog, version } = options;
  app.get(routes.health, async (_request, reply): Promise<Health> => {
    try {
      return { ok: true, version, engine: await catalog.describe() };
    } catch (err) {
      const error = toCdebugError(err);
      void reply.code(error.code === 'engine_unreachable' ? 503 : error.status);
      return { ok: false, version, engine: null, error: error.toInfo() };
    }
  });
}
