// Where an endpoint's URL says to connect: a unix socket, a tcp port with or without TLS, or an
// ssh destination. Pure; dockerode's options (dial.ts) are made from it.

import { fail, ok, type Result } from '../../../contract/index.js';
import type { EngineEndpoint, EngineTls } from './types.js';

export const PLAIN_PORT = '2375';
export const TLS_PORT = '2376';

export type EngineAddress =
  { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: string; tls?: EngineTls } | { kind: 'ssh'; url: string; host: string };

export function engineAddress(endpoint: EngineEndpoint): Result<EngineAddress> {
  const url = new URL(endpoint.host);
  switch (url.protocol) {
    case 'unix:':
      return ok({ kind: 'unix', path: decodeURIComponent(url.pathname) });
    case 'ssh:':
      return ok({ kind: 'ssh', url: endpoint.host, host: url.hostname });
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' ? (endpoint.tls ?? { verify: true }) : url.protocol === 'tcp:' ? endpoint.tls : undefined;
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (!tls) return ok({ kind: 'tcp', host, port: url.port || PLAIN_PORT });
      return ok({ kind: 'tcp', host, port: url.port || TLS_PORT, tls });
    }
    default:
      return fail('bad_request', `cdebug cannot dial ${endpoint.host}: give unix://, tcp:// or ssh://`);
  }
}
