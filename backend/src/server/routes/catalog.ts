// GET /api/containers (what can be debugged, on every engine or, with ?engine=, on one) and
// GET /api/toolkits (what to debug it with: the default engine's images, or ?engine='s).

import type { FastifyInstance } from 'fastify';
import { type ContainerSummary, ENGINE_NAME_PATTERN, routes, type Toolkit } from '../../contract/index.js';
import type { EnginePool } from '../../runtimes/pool.js';
import { listContainers, toolkitsOn } from '../engine-reads.js';

export interface CatalogOptions {
  engines: EnginePool;
}

// other query parameters are ignored (a cache-buster must not fail a list)
const engineQuery = {
  type: 'object',
  properties: { engine: { type: 'string', pattern: ENGINE_NAME_PATTERN } },
} as const;

interface EngineQuery {
  engine?: string;
}

export async function catalogRoutes(app: FastifyInstance, options: CatalogOptions): Promise<void> {
  const { engines } = options;
  app.get<{ Querystring: EngineQuery }>(routes.containers, { schema: { querystring: engineQuery } }, async (request): Promise<ContainerSummary[]> =>
    listContainers(engines, request.query.engine),
  );
  app.get<{ Querystring: EngineQuery }>(routes.toolkits, { schema: { querystring: engineQuery } }, async (request): Promise<Toolkit[]> =>
    toolkitsOn(engines, request.query.engine),
  );
}
