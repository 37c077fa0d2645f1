// GET /api/containers (what can be debugged, on every engine or, with ?engine=, on one) and
// GET /api/toolkits (what to debug it with: the default engine's images, or ?engine='s).

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type ContainerSummary, routes, type Toolkit } from '../../contract/index.js';
import { EngineQuery } from '../../contract/schema/index.js';
import type { EnginePool } from '../../runtimes/pool.js';
import { listContainers, toolkitsOn } from '../engine-reads.js';
import { routePlugin } from '../plugin.js';

export interface CatalogOptions {
  engines: EnginePool;
}

export const catalogRoutes = routePlugin((fastify: FastifyInstance, options: CatalogOptions) => {
  const { engines } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(routes.containers, { schema: { querystring: EngineQuery } }, async (request): Promise<ContainerSummary[]> =>
    listContainers(engines, request.query.engine),
  );
  app.get(routes.toolkits, { schema: { querystring: EngineQuery } }, async (request): Promise<Toolkit[]> => toolkitsOn(engines, request.query.engine));
});
