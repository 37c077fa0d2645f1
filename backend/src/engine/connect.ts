// Connects to the container engine the way the docker CLI would: DOCKER_HOST (unix://,
// tcp:// with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, ssh://) or the default socket. The API
// version is never pinned: dockerode then speaks the engine's own.

import { globalAgent } from 'node:http';
import Docker from 'dockerode';
import type { EngineInfo } from '../contract/index.js';
import { CdebugError } from '../contract/index.js';

export type Engine = Docker;

export function connectEngine(host?: string): Engine {
  const engine = dial(host);
  // Node works out a TLS server name for every socket an agent opens, testing the host against
  // its IPv6 pattern, whose first use compiles it: 4-10 ms of every cdebug exec, for a unix
  // socket. A name given up front skips that; plain http never uses it (TLS keeps its SNI:
  // https has its own agent). Set on the global agent: docker-modem inspects the options of
  // every request, an agent of our own in them included, which costs as much.
  if ((engine.modem as unknown as { protocol?: string }).protocol === 'http') {
    const options = (globalAgent as unknown as { options: { servername?: string } }).options;
    options.servername ??= '';
  }
  return engine;
}

function dial(host?: string): Engine {
  // dockerode reads DOCKER_HOST and the TLS variables itself when given no options.
  if (!host) return new Docker();
  const url = new URL(host);
  if (url.protocol === 'unix:') return new Docker({ socketPath: url.pathname });
  return new Docker({ host: url.hostname, port: url.port || 2375, protocol: url.protocol === 'ssh:' ? 'ssh' : 'http' });
}

export function describeHost(host = process.env.DOCKER_HOST): string {
  return host && host.length > 0 ? host : 'unix:///var/run/docker.sock';
}

export async function describeEngine(engine: Engine): Promise<EngineInfo> {
  try {
    const v = await engine.version();
    const podman = v.Components?.some((c) => /podman/i.test(c.Name));
    return { name: podman ? 'Podman' : 'Docker Engine', version: v.Version, apiVersion: v.ApiVersion };
  } catch (err) {
    throw engineError(err);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** The HTTP status the engine answered with, when the failure came from the engine at all. */
export function engineStatus(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The engine's own words for a failed call (its JSON `message`), or the error's. */
export function engineMessage(err: unknown): string {
  const json = (err as { json?: { message?: unknown } })?.json;
  if (json && typeof json.message === 'string') return json.message;
  const reason = (err as { reason?: unknown })?.reason;
  const message = err instanceof Error ? err.message : String(err);
  return typeof reason === 'string' && !message ? reason : message.replace(/^\(HTTP code \d+\)\s*[\w ]*-\s*/, '');
}

/** Turns a failure to reach the engine into a coded error; passes coded errors through. */
export function engineError(err: unknown): CdebugError {
  if (err instanceof CdebugError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new CdebugError(
      'engine_unreachable',
      `The container engine at ${describeHost()} does not answer (${code}): start Docker, or point DOCKER_HOST at a running engine.`,
      { cause: err },
    );
  }
  return new CdebugError('internal', `The engine refused the request: ${engineMessage(err)}`, { cause: err });
}
