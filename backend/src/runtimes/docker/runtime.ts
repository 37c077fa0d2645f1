// The Docker API adapter of the runtime port (Docker, and Podman's Docker-compatible API): one
// engine connection behind both facets. `owner` labels every sidecar it starts (a service's, or
// one `cdebug exec`'s), and only that owner's sidecars are listed back.

import type { Engine } from '../../engine/connect.js';
import type { ContainerApi } from '../../engine/container-api.js';
import type { Runtime } from '../port.js';
import { dockerCatalog } from './catalog.js';
import { dockerSessionEngine } from './sessions.js';

/** `api`: how a sidecar's life is driven (dockerode's own unless told otherwise) */
export function dockerRuntime(engine: Engine, owner: string, api?: ContainerApi): Runtime {
  return { catalog: dockerCatalog(engine), sessions: dockerSessionEngine(engine, owner, api) };
}
