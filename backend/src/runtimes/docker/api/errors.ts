// What a failed engine call means: dockerode's errors carry the engine's status as
// `statusCode` and its words as `json.message`; a socket's own failure (refused, TLS, ssh) its
// code. Pure: no engine client is loaded for error handling.

import { CdebugError } from '../../../contract/index.js';
import { classifyFailure, describeEndpoint, hintFor } from '../endpoints/failures.js';
import type { EngineEndpoint } from '../endpoints/types.js';

export function describeHost(host = process.env.DOCKER_HOST): string {
  return host && host.length > 0 ? host : 'unix:///var/run/docker.sock';
}

/**
 * The HTTP status the engine answered with, when the failure came from the engine's API at all:
 * a TLS engine's 400 to plain http is no answer about the request (a 400 means an ambiguous
 * id prefix to inspect, for one), but a sign that the engine was not reached.
 */
export function engineStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown })?.statusCode;
  if (typeof status !== 'number') return undefined;
  return status === 400 && classifyFailure(err) !== null ? undefined : status;
}

/** The engine's own words for a failed call (its JSON `message`), or the error's. */
export function engineMessage(err: unknown): string {
  const json = (err as { json?: { message?: unknown } })?.json;
  if (json && typeof json.message === 'string') return json.message;
  const reason = (err as { reason?: unknown })?.reason;
  const message = err instanceof Error ? err.message : String(err);
  // docker-modem's own message: "(HTTP code 404) no such container - <the engine's words> "
  return typeof reason === 'string' && !message ? reason : message.replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '').trim();
}

/**
 * Turns a failure to reach the engine (no answer, TLS refused, ssh failed) into
 * `engine_unreachable`, naming the endpoint when it is known; passes coded errors through.
 */
export function engineError(err: unknown, endpoint?: EngineEndpoint): CdebugError {
  if (err instanceof CdebugError) return err;
  const failure = classifyFailure(err);
  if (failure) {
    const where = endpoint ? describeEndpoint(endpoint) : `The container engine at ${describeHost()}`;
    return new CdebugError('engine_unreachable', `${where}: ${failure.why}${hintFor(endpoint, failure)}.`, { cause: err });
  }
  return new CdebugError('internal', `The engine refused the request: ${engineMessage(err)}`, { cause: err });
}

/**
 * An `engine_unreachable` error made without knowing the endpoint, said again about the
 * endpoint the command chose (the engine module deep down knows only the connection).
 */
export function explainEngineError(err: unknown, endpoint: EngineEndpoint): unknown {
  if (!(err instanceof CdebugError) || err.code !== 'engine_unreachable' || err.cause === undefined) return err;
  if (err.cause instanceof CdebugError) return err;
  return engineError(err.cause, endpoint);
}
