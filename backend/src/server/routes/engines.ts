// GET /api/engines: the engines this service drives, in the configured order, each with
// whether it answers now (and what it is) or why not. Always 200: an engine that is down is
// an answer, not a failure of the request.

import type { FastifyInstance } from 'fastify';
import { type EngineStatus, routes } from '../../contract/index.js';
import type { EnginePool } from '../../runtimes/pool.js';
import { engineStatuses } from '../engine-reads.js';
import { routePlugin } from '../plugin.js';

export interface EngineRoutesOptions {
  engines: EnginePool;
}

export const engineRoutes = routePlugin((app: FastifyInstance, options: EngineRoutesOptions) => {
  const { engines } = options;
  app.get(routes.engines, async (): Promise<EngineStatus[]> => engineStatuses(engines));
});
