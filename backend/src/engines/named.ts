// An engine that does not answer says which one it is: the engine module's message names the
// environment's DOCKER_HOST, which is right for the CLI but wrong for a service's second
// engine. These wrappers rename `engine_unreachable` errors after the engine they came from
// and pass every other error through.

import { CdebugError } from '../contract/index.js';
import type { PreparedLaunch, SessionEngine } from '../sessions/engine-port.js';
import type { CatalogEngine } from '../server/catalog.js';

export interface EngineLabel {
  name: string;
  host: string;
}

export function renameUnreachable(err: unknown, { name, host }: EngineLabel): unknown {
  if (!(err instanceof CdebugError) || err.code !== 'engine_unreachable') return err;
  const errno = (err.cause as { code?: unknown } | undefined)?.code;
  const why = typeof errno === 'string' ? ` (${errno})` : '';
  return new CdebugError('engine_unreachable', `The engine "${name}" at ${host} does not answer${why}: start it, or check the address it was given.`, { cause: err });
}

function named<T>(work: Promise<T>, label: EngineLabel): Promise<T> {
  return work.catch((err: unknown) => {
    throw renameUnreachable(err, label);
  });
}

export function namedCatalog(inner: CatalogEngine, label: EngineLabel): CatalogEngine {
  return {
    describe: () => named(inner.describe(), label),
    containers: () => named(inner.containers(), label),
    images: () => named(inner.images(), label),
  };
}

export function namedSessionEngine(inner: SessionEngine, label: EngineLabel): SessionEngine {
  return {
    async prepare(request, sessionId): Promise<PreparedLaunch> {
      const prepared = await named(inner.prepare(request, sessionId), label);
      return { ...prepared, launch: (options) => named(prepared.launch(options), label) };
    },
    listOwned: () => named(inner.listOwned(), label),
    adopt: (sidecarId) => named(inner.adopt(sidecarId), label),
    history: (sidecarId) => named(inner.history(sidecarId), label),
    remove: (sidecarId) => named(inner.remove(sidecarId), label),
    targetState: (targetId) => named(inner.targetState(targetId), label),
    answers: () => inner.answers(),
    watchDeaths: (onEvent) => inner.watchDeaths(onEvent),
  };
}
