// The Docker API adapter of the runtime port (Docker, and Podman's Docker-compatible API): one
// engine connection behind both facets. `owner` labels every sidecar it starts (a service's, or
// one `cdebug exec`'s), and only that owner's sidecars are listed back.

import type { Engine } from './api/connect.js';
import type { Runtime } from '../port.js';
import { dockerCatalog } from './catalog.js';
import { dockerForwardEngine } from './forwards.js';
import { dockerSessionEngine } from './sessions.js';

/** `dialProbe`: the same engine dialled with PROBE_LIMITS, for the session side's `answers` */
export function dockerRuntime(engine: Engine, owner: string, dialProbe: () => Engine): Runtime {
  return {
    catalog: dockerCatalog(engine),
    sessions: dockerSessionEngine(engine, owner, dialProbe),
    forwards: dockerForwardEngine(engine, owner),
  };
}

/** every sidecar on the engine, whoever started it (`cdebug ps`, `cdebug kill`) */
export { dockerCensus } from './census.js';
