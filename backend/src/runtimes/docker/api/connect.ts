// Connects to the container engine the way the docker CLI would. Where the engine is (--host,
// --context, DOCKER_HOST, DOCKER_CONTEXT, the current context, the default socket) is worked out
// by endpoints/resolve.ts; this dials the result with dockerode: unix sockets, tcp:// with or
// without TLS, ssh://. The API version is never pinned: dockerode then speaks the engine's own.

import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import Docker from 'dockerode';
import type { EngineInfo } from '../../../contract/index.js';
import { CdebugError } from '../../../contract/index.js';
import { dialOptions } from '../endpoints/dial.js';
import { resolveEndpoint } from '../endpoints/resolve.js';
import type { EngineEndpoint } from '../endpoints/types.js';
import { engineError } from './errors.js';

export { describeHost, engineError, engineMessage, engineStatus, explainEngineError } from './errors.js';

export type Engine = Docker;
export type { EngineEndpoint } from '../endpoints/types.js';

export interface DialLimits {
  /** give up on a request that has no answer after this long (a probe); none by default */
  answerWithinMs?: number;
  /**
   * every request on a connection of its own, never one kept alive from an earlier request
   * (a probe: see engineAnswers)
   */
  freshConnections?: boolean;
}

/** Dials one endpoint. Throws a coded error when its TLS files cannot be read. */
export function connectEndpoint(endpoint: EngineEndpoint, limits: DialLimits = {}): Engine {
  const options = dialOptions(endpoint, (path) => readFileSync(path));
  if (!options.ok) throw new CdebugError(options.error.code, options.error.message);
  const modem = options.value;
  if (limits.answerWithinMs !== undefined) modem.connectionTimeout = limits.answerWithinMs;
  // The endpoint's own agent when it has one (ssh's reuses its processes, each a handshake;
  // TLS without verification keeps no connection); otherwise one of the probe's own that keeps
  // none alive, where Node's global agents would
  if (limits.freshConnections && modem.agent === undefined) modem.agent = modem.protocol === 'https' ? new HttpsAgent() : new HttpAgent();
  try {
    return new Docker(modem);
  } catch (err) {
    throw environmentError(err);
  }
}

/**
 * docker-modem reads DOCKER_HOST, and with it DOCKER_CERT_PATH's files, in every constructor,
 * before it lays the endpoint's settings (every one given, see endpoints/dial.ts) over them: it
 * throws there when those files cannot be read, whichever engine is dialled.
 */
function environmentError(err: unknown): CdebugError {
  const { DOCKER_HOST: host = '', DOCKER_CERT_PATH: certPath } = process.env;
  const why = err instanceof Error ? err.message : String(err);
  const message = certPath
    ? `The engine client cannot read the TLS certificate files of DOCKER_CERT_PATH=${certPath} (${why}), which it reads whenever DOCKER_HOST names a tcp engine (${host}): put ca.pem, cert.pem and key.pem there, or unset DOCKER_CERT_PATH.`
    : `The engine client cannot start with DOCKER_HOST=${host} (${why}): give a URL such as tcp://host:2376, or unset it.`;
  return new CdebugError('bad_request', message, { cause: err });
}

/**
 * The engine at `host` (a DOCKER_HOST-style URL, with the TLS variables of the environment),
 * or, without one, the engine the environment selects as the docker CLI would.
 */
export function connectEngine(host?: string, env: NodeJS.ProcessEnv = process.env, limits: DialLimits = {}): Engine {
  const endpoint = resolveEndpoint(host ? { host } : {}, env);
  if (!endpoint.ok) throw new CdebugError(endpoint.error.code, endpoint.error.message);
  return connectEndpoint(endpoint.value, limits);
}

/** How long a probe waits for the engine's answer. */
export const PROBE_TIMEOUT_MS = 3000;

/** An engine for engineAnswers: fresh connections, a time limit. */
export const PROBE_LIMITS: DialLimits = { answerWithinMs: PROBE_TIMEOUT_MS, freshConnections: true };

/**
 * Does the engine still take new connections? `probe` is the engine dialled with PROBE_LIMITS:
 * a dockerd that is shutting down closes its listener first (new connections are refused at
 * once) while it goes on serving the connections already open, so a kept-alive connection
 * would get an answer from an engine that is on its way out. Any HTTP answer counts.
 */
export function engineAnswers(probe: Engine): Promise<boolean> {
  return probe.ping().then(
    () => true,
    (err: unknown) => typeof (err as { statusCode?: unknown })?.statusCode === 'number',
  );
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
    const version: (options: { abortSignal?: AbortSignal }) => ReturnType<Engine['version']> = engine.version.bind(engine);
    const v = await version(abortable(signal));
    const podman = v.Components?.some((c) => /podman/i.test(c.Name));
    return { name: podman ? 'Podman' : 'Docker Engine', version: v.Version, apiVersion: v.ApiVersion };
  } catch (err) {
    throw engineError(err);
  }
}
