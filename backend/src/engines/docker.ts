// A pool entry for a Docker-API engine (Docker or Podman): one connection behind both the
// read-only port and the session port, its errors named after the engine.
//
// The connection itself goes through `connectTo`, the one line to change when the engine
// module's endpoints (Docker contexts, TLS, ssh) land: an address then becomes an endpoint.

import { connectEngine, describeHost, type Engine } from '../engine/connect.js';
import { dockerSessionEngine } from '../sessions/docker-engine.js';
import { dockerCatalog } from '../server/docker-catalog.js';
import { namedCatalog, namedSessionEngine } from './named.js';
import type { EngineEntry } from './pool.js';

import type { EngineAddress } from './spec.js';

export function connectTo(address: EngineAddress): Engine {
  return connectEngine(address.url);
}

/** the address for people: a URL without its password */
export function displayHost(url: string | undefined): string {
  if (!url) return describeHost();
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** `owner`: the service's sidecar label, the same on every engine (each lists only its own containers) */
export function dockerEngineEntry(address: EngineAddress, owner: string, connect: (a: EngineAddress) => Engine = connectTo): EngineEntry {
  const engine = connect(address);
  const label = { name: address.name, host: displayHost(address.url) };
  const catalog = dockerCatalog(engine);
  const sessions = dockerSessionEngine(engine, owner);
  // the environment's engine: the engine module's own words (they name DOCKER_HOST) fit it
  if (!address.url) return { ...label, catalog, sessions };
  return { ...label, catalog: namedCatalog(catalog, label), sessions: namedSessionEngine(sessions, label) };
}
