// An engine that does not answer says which one it is: deep down, the engine module knows only
// the connection, and its message names the environment's engine. These wrappers say such
// `engine_unreachable` errors again about the engine they came from (renameUnreachable for an
// engine configured by name) and pass every other error through.

import { CdebugError } from '../../contract/index.js';
import { classifyFailure } from './endpoints/failures.js';
import type { CatalogEngine, ForwardEngine, LiveCatalogEngine, PreparedLaunch, Runtime, SessionEngine } from '../port.js';

export interface EngineLabel {
  name: string;
  host: string;
}

export function renameUnreachable(err: unknown, { name, host }: EngineLabel): unknown {
  if (!(err instanceof CdebugError) || err.code !== 'engine_unreachable') return err;
  // the connection's own failure, in words that say what to fix (TLS, ssh, no answer)
  const failure = err.cause instanceof CdebugError ? null : classifyFailure(err.cause);
  const why = failure ? failure.why : 'it does not answer';
  const hint = failure && failure.code !== 'ECONNREFUSED' && failure.code !== 'ENOENT' ? '' : ': start it, or check the address it was given';
  return new CdebugError('engine_unreachable', `The engine "${name}" at ${host}: ${why}${hint}.`, { cause: err });
}

/** says an error again about the engine it came from */
export type Rename = (err: unknown) => unknown;

function named<T>(work: Promise<T>, rename: Rename): Promise<T> {
  return work.catch((err: unknown) => {
    throw rename(err);
  });
}

export function namedCatalog(inner: CatalogEngine, label: Rename): CatalogEngine {
  return {
    describe: (signal) => named(inner.describe(signal), label),
    containers: (signal, scope) => named(inner.containers(signal, scope), label),
    images: (signal) => named(inner.images(signal), label),
    debuggableImages: (signal) => named(inner.debuggableImages(signal), label),
    logs: (ref, tail, signal) => named(inner.logs(ref, tail, signal), label),
    ...(inner.live ? { live: namedLive(inner.live, label) } : {}),
  };
}

function namedLive(inner: LiveCatalogEngine, label: Rename): LiveCatalogEngine {
  return {
    listAll: (signal) => named(inner.listAll(signal), label),
    inspect: (containerId, signal) => named(inner.inspect(containerId, signal), label),
    watchContainers: (watch) => inner.watchContainers({ ...watch, onLost: (error) => watch.onLost(asCdebugError(label(error), error)) }),
  };
}

function asCdebugError(renamed: unknown, original: CdebugError): CdebugError {
  return renamed instanceof CdebugError ? renamed : original;
}

export function namedSessionEngine(inner: SessionEngine, label: Rename): SessionEngine {
  const readFile = inner.readFile?.bind(inner);
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
    // optional: every member the inner engine has must be passed on (named.test.ts checks it)
    ...(readFile ? { readFile: (sidecarId: string, path: string) => named(readFile(sidecarId, path), label) } : {}),
  };
}

export function namedForwardEngine(inner: ForwardEngine, label: Rename): ForwardEngine {
  return {
    open: (request) => named(inner.open(request), label),
    ports: (target) => named(inner.ports(target), label),
    removeLeftovers: () => named(inner.removeLeftovers(), label),
  };
}

export function namedRuntime(inner: Runtime, label: Rename): Runtime {
  return {
    catalog: namedCatalog(inner.catalog, label),
    sessions: namedSessionEngine(inner.sessions, label),
    ...(inner.forwards ? { forwards: namedForwardEngine(inner.forwards, label) } : {}),
  };
}
