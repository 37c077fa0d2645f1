// --host and --context, for every command that talks to an engine. The docker CLI's names and
// short forms; no `env` entry on purpose: DOCKER_HOST and DOCKER_CONTEXT are not plain defaults
// of these flags but steps of their own in the precedence (engine/endpoints/resolve.ts).

import type { EndpointSelection } from '../engine/endpoints/resolve.js';
import { type OptionSpec, type OptionValues, str } from './options.js';

export const engineOptions: readonly OptionSpec[] = [
  {
    name: 'host',
    short: 'H',
    value: 'URL',
    description: 'Engine to use: unix:///path, tcp://host:port (TLS from DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) or ssh://user@host (default: DOCKER_HOST, else the Docker context)',
  },
  {
    name: 'context',
    short: 'c',
    value: 'NAME',
    description: 'Docker context to use (see `cdebug contexts`; default: DOCKER_CONTEXT, else the current context)',
  },
];

export function engineSelection(values: OptionValues): EndpointSelection {
  const host = str(values.host);
  const context = str(values.context);
  return { ...(host !== undefined ? { host } : {}), ...(context !== undefined ? { context } : {}) };
}
