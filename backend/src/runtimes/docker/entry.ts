// A pool entry for a Docker-API engine (Docker or Podman): its address resolved to an endpoint
// the way the docker CLI would (a URL with the environment's TLS settings, a Docker context, or
// the environment's own engine), one dockerode client behind both the read-only port and the
// session port (and one for probes, see engineAnswers), and its errors said about that engine.

import { CdebugError } from '../../contract/index.js';
import { connectEndpoint, type DialLimits, type Engine, type EngineEndpoint, explainEngineError, PROBE_LIMITS } from './api/connect.js';
import { resolveEndpoint } from './endpoints/resolve.js';
import { namedRuntime, renameUnreachable } from './named.js';
import { dockerRuntime } from './runtime.js';
import type { EngineEntry } from '../pool.js';
import type { NamedEngine } from './spec.js';

/** where the address points; throws a coded error (a context that does not exist, bad TLS settings) */
export function resolveAddress(address: NamedEngine, env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const selection = address.url !== undefined ? { host: address.url } : address.context !== undefined ? { context: address.context } : {};
  const resolved = resolveEndpoint(selection, env);
  if (!resolved.ok) throw new CdebugError(resolved.error.code, `engine "${address.name}": ${resolved.error.message}`);
  return resolved.value;
}

/** the address for people: a URL without its password */
export function displayHost(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

export interface EntryOptions {
  env?: NodeJS.ProcessEnv;
  /** how an endpoint is dialled (tests may count or refuse dials) */
  connect?: (endpoint: EngineEndpoint, limits?: DialLimits) => Engine;
}

/** `owner`: the service's sidecar label, the same on every engine (each lists only its own containers) */
export function dockerEngineEntry(address: NamedEngine, owner: string, options: EntryOptions = {}): EngineEntry {
  const endpoint = resolveAddress(address, options.env);
  const connect = options.connect ?? connectEndpoint;
  const engine = connect(endpoint);
  const label = { name: address.name, host: displayHost(endpoint.host) };
  // a URL or context named on the command line: the message names the engine by its name here;
  // the environment's engine: as the CLI says it (DOCKER_HOST, DOCKER_CONTEXT, current context)
  const configured = address.url !== undefined || address.context !== undefined;
  const rename = configured ? (err: unknown) => renameUnreachable(err, label) : (err: unknown) => explainEngineError(err, endpoint);
  return {
    ...label,
    ...namedRuntime(
      dockerRuntime(engine, owner, () => connect(endpoint, PROBE_LIMITS)),
      rename,
    ),
  };
}
