// --host and --context, for every command that talks to an engine. The docker CLI's names and
// short forms; no `env` entry on purpose: DOCKER_HOST and DOCKER_CONTEXT are not plain defaults
// of these flags but steps of their own in the precedence (runtimes/docker/endpoints/resolve.ts).

import type { EndpointSelection } from '../runtimes/docker/endpoints/resolve.js';
import { fail, ok, type Result } from '../contract/index.js';
import { type OptionSpec, type OptionValues, str } from './options.js';

export const engineOptions: readonly OptionSpec[] = [
  {
    name: 'host',
    short: 'H',
    value: 'URL',
    description:
      'Engine to use: unix:///path, tcp://host:port (TLS from DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), ssh://user@host, or cri:///path a Kubernetes CRI runtime (default: DOCKER_HOST, else the Docker context)',
  },
  {
    name: 'context',
    short: 'c',
    value: 'NAME',
    description: 'Docker context to use (see `cdebug contexts`; default: DOCKER_CONTEXT, else the current context)',
  },
];

/** An empty value is refused: it would quietly mean the default socket, not "as if not given". */
export function engineSelection(values: OptionValues): Result<EndpointSelection> {
  const host = str(values.host);
  const context = str(values.context);
  if (host === '') return fail('bad_request', '--host needs a value: --host URL (or leave it out for DOCKER_HOST, then the Docker context)');
  if (context === '') return fail('bad_request', '--context needs a value: --context NAME (see `cdebug contexts`)');
  return ok({ ...(host !== undefined ? { host } : {}), ...(context !== undefined ? { context } : {}) });
}
