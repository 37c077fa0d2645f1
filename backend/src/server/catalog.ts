// What the read-only routes (health, containers, toolkits) need from the engine. The service
// wires in docker-catalog.ts; unit tests wire in a fake.

import type { ContainerDetails, EngineInfo } from '../contract/index.js';

export interface LocalImage {
  /** "repo:tag" names; empty for dangling images */
  tags: string[];
  labels: Record<string, string>;
}

/** Each read stops, its requests aborted, when `signal` aborts (a deadline passed). */
export interface CatalogEngine {
  describe(signal?: AbortSignal): Promise<EngineInfo>;
  /** running containers that are not cdebug's own sidecars, newest first */
  containers(signal?: AbortSignal): Promise<ContainerDetails[]>;
  images(signal?: AbortSignal): Promise<LocalImage[]>;
}
