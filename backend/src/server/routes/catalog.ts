// GET /api/containers (what can be debugged, on every engine or, with ?engine=, on one; running
// ones, or with ?all=1 every one), GET /api/images (local images to debug from),
// GET /api/containers/{id}/logs (a container's last log lines: why it died) and
// GET /api/toolkits (what to debug it with: the default engine's images, or ?engine='s).

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  CdebugError,
  type ContainerLogs,
  type ContainerSummary,
  type ImageSummary,
  LOG_TAIL_DEFAULT,
  LOG_TAIL_MAX,
  routes,
  type Toolkit,
} from '../../contract/index.js';
import { ContainerParams, ContainersQuery, EngineQuery, LogsQuery } from '../../contract/schema/index.js';
import type { EnginePool } from '../../runtimes/pool.js';
import { containerLogs, listContainers, listImages, toolkitsOn } from '../engine-reads.js';
import { routePlugin } from '../plugin.js';
import type { LiveCatalog } from '../live/catalog.js';

export interface CatalogOptions {
  engines: EnginePool;
  /** answers the list without asking the engine while events keep it exact */
  live?: LiveCatalog;
}

/** `?tail=` as a number of lines, or the coded error that says what it may be */
export function logTail(tail: string | undefined): number {
  if (tail === undefined) return LOG_TAIL_DEFAULT;
  const lines = Number(tail);
  if (lines < 1 || lines > LOG_TAIL_MAX) throw new CdebugError('bad_request', `tail must be a number of lines from 1 to ${LOG_TAIL_MAX}, not ${tail}.`);
  return lines;
}

export const catalogRoutes = routePlugin((fastify: FastifyInstance, options: CatalogOptions) => {
  const { engines } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(routes.containers, { schema: { querystring: ContainersQuery } }, async (request): Promise<ContainerSummary[]> => {
    if (request.query.engine !== undefined) engines.entry(request.query.engine);
    const all = request.query.all === '1' || request.query.all === 'true';
    // the live catalog, when current, holds every state: no engine call
    const current = options.live?.current(request.query.engine);
    if (current) return all ? current : current.filter((c) => c.state === 'running');
    return listContainers(engines, request.query.engine, undefined, all ? 'all' : 'running');
  });
  app.get(routes.images, { schema: { querystring: EngineQuery } }, async (request): Promise<ImageSummary[]> => listImages(engines, request.query.engine));
  app.get('/api/containers/:id/logs', { schema: { params: ContainerParams, querystring: LogsQuery } }, async (request): Promise<ContainerLogs> => {
    const tail = logTail(request.query.tail);
    return { lines: await containerLogs(engines, request.params.id, tail, request.query.engine) };
  });
  app.get(routes.toolkits, { schema: { querystring: EngineQuery } }, async (request): Promise<Toolkit[]> => toolkitsOn(engines, request.query.engine));
});
