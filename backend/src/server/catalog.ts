// What the read-only routes (health, containers, toolkits) need from the engine. The service
// wires in docker-catalog.ts; unit tests wire in a fake.

import type { ContainerDetails, EngineInfo } from '../contract/index.js';

export interface LocalImage {
  /** "repo:tag" names; empty for dangling images */
  tags: string[];
  labels: Record<string, string>;
}

export interface CatalogEngine {
  describe(): Promise<EngineInfo>;
  /** running containers that are not cdebug's own sidecars, newest first */
  containers(): Promise<ContainerDetails[]>;
  images(): Promise<LocalImage[]>;
}
