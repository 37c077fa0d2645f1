// GET /api/containers (what can be debugged, on every engine or, with ?engine=, on one) and
// GET /api/toolkits (what to debug it with: the default engine's images, or ?engine='s).

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type ContainerSummary, routes, type Toolkit } from '../../contract/index.js';
import { EngineQuery } from '../../contract/schema/index.js';
import type { EnginePool } from '../../runtimes/pool.js';
import { listContainers, toolkitsOn } from '../engine-reads.js';
import { routePlugin } from '../plugin.js';
import type { LiveCatalog } from '../live/catalog.js';

export interface CatalogOptions {
  engines: EnginePool;
  /** answers the list without asking the engine while events keep it exact */
  live?: LiveCatalog;
}

export const catalogRoutes = routePlugin((fastify: FastifyInstance, options: CatalogOptions) => {
  const { engines } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(routes.containers, { schema: { querystring: EngineQuery } }, async (request): Promise<ContainerSummary[]> => {
    if (request.query.engine !== undefined) engines.entry(request.query.engine);
    // the catalog holds every state; this answer is the running ones
    const current = options.live?.current(request.query.engine);
    return current ? current.filter((c) => c.state === 'running') : listContainers(engines, request.query.engine);
  });
  app.get(routes.toolkits, { schema: { querystring: EngineQuery } }, async (request): Promise<Toolkit[]> => toolkitsOn(engines, request.query.engine));
});
