// Connects to the container engine the way the docker CLI would. Where the engine is (--host,
// --context, DOCKER_HOST, DOCKER_CONTEXT, the current context, the default socket) is worked out
// by endpoints/resolve.ts; this dials the result: unix sockets, tcp:// with or without TLS,
// ssh://. The API version is never pinned: dockerode then speaks the engine's own.

import { readFileSync } from 'node:fs';
import { globalAgent } from 'node:http';
import Docker from 'dockerode';
import type { EngineInfo } from '../contract/index.js';
import { CdebugError } from '../contract/index.js';
import { dialOptions } from './endpoints/dial.js';
import { resolveEndpoint } from './endpoints/resolve.js';
import type { EngineEndpoint } from './endpoints/types.js';
import { engineError } from './errors.js';

export { describeHost, engineError, engineMessage, engineStatus, explainEngineError } from './errors.js';

export type Engine = Docker;
export type { EngineEndpoint } from './endpoints/types.js';

export interface DialLimits {
  /** give up on a request that has no answer after this long (a probe); none by default */
  answerWithinMs?: number;
}

/** Dials one endpoint. Throws a coded error when its TLS files cannot be read. */
export function connectEndpoint(endpoint: EngineEndpoint, limits: DialLimits = {}): Engine {
  const options = dialOptions(endpoint, (path) => readFileSync(path));
  if (!options.ok) throw new CdebugError(options.error.code, options.error.message);
  if (limits.answerWithinMs !== undefined) options.value.connectionTimeout = limits.answerWithinMs;
  const engine = withoutEnvironmentEngine(() => new Docker(options.value));
  // Node works out a TLS server name for every socket an agent opens, testing the host against
  // its IPv6 pattern, whose first use compiles it: 4-10 ms of every cdebug exec, for a unix
  // socket. A name given up front skips that; plain http never uses it (TLS keeps its SNI:
  // https has its own agent). Set on the global agent: docker-modem inspects the options of
  // every request, an agent of our own in them included, which costs as much.
  if (options.value.protocol === 'http' && !options.value.agent) {
    const agentOptions = (globalAgent as unknown as { options: { servername?: string } }).options;
    agentOptions.servername ??= '';
  }
  return engine;
}

/**
 * docker-modem reads DOCKER_HOST, and with it DOCKER_CERT_PATH's files, in every constructor,
 * before it lays our options over them: a certificate path that does not exist would throw
 * there even for an engine that uses none of it. It reads nothing when DOCKER_HOST is unset,
 * so it is hidden for the (synchronous) construction; every setting comes from the endpoint.
 */
function withoutEnvironmentEngine<T>(make: () => T): T {
  const saved = process.env.DOCKER_HOST;
  if (saved === undefined) return make();
  delete process.env.DOCKER_HOST;
  try {
    return make();
  } finally {
    process.env.DOCKER_HOST = saved;
  }
}

/**
 * The engine at `host` (a DOCKER_HOST-style URL, with the TLS variables of the environment),
 * or, without one, the engine the environment selects as the docker CLI would.
 */
export function connectEngine(host?: string, env: NodeJS.ProcessEnv = process.env): Engine {
  const endpoint = resolveEndpoint(host ? { host } : {}, env);
  if (!endpoint.ok) throw new CdebugError(endpoint.error.code, endpoint.error.message);
  return connectEndpoint(endpoint.value);
}

/**
 * dockerode's option for a call that stops when `signal` aborts. Without a signal, no key at all:
 * docker-modem removes the option from the query string only when it is set.
 */
export function abortable(signal: AbortSignal | undefined): { abortSignal?: AbortSignal } {
  return signal ? { abortSignal: signal } : {};
}

export async function describeEngine(engine: Engine, signal?: AbortSignal): Promise<EngineInfo> {
  try {
    // dockerode takes the signal here too; its typings do not say so
    const version = engine.version as (this: Engine, options?: { abortSignal?: AbortSignal }) => ReturnType<Engine['version']>;
    const v = await version.call(engine, abortable(signal));
    const podman = v.Components?.some((c) => /podman/i.test(c.Name));
    return { name: podman ? 'Podman' : 'Docker Engine', version: v.Version, apiVersion: v.ApiVersion };
  } catch (err) {
    throw engineError(err);
  }
}
