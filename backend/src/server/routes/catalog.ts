// GET /api/containers (what can be debugged) and GET /api/toolkits (what to debug it with).

import type { FastifyInstance } from 'fastify';
import { type ContainerSummary, routes, type Toolkit } from '../../contract/index.js';
import type { CatalogEngine } from '../catalog.js';
import { listToolkits } from '../toolkits.js';

export interface CatalogOptions {
  catalog: CatalogEngine;
}

export async function catalogRoutes(app: FastifyInstance, options: CatalogOptions): Promise<void> {
  const { catalog } = options;
  app.get(routes.containers, async (): Promise<ContainerSummary[]> => catalog.containers());
  app.get(routes.toolkits, async (): Promise<Toolkit[]> => listToolkits(await catalog.images()));
}
