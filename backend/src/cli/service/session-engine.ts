// The engine `cdebug ps` and `cdebug kill` look for sidecars on: the one `cdebug exec` would use
// (--host, --context, DOCKER_HOST, the Docker context). Loaded lazily, as exec loads its engine.

import { CdebugError } from '../../contract/index.js';
import type { SidecarCensus } from '../../runtimes/port.js';
import type { Io } from '../command.js';
import { engineSelection } from '../engine-flags.js';
import type { OptionValues } from '../options.js';

export async function engineCensus(values: OptionValues, io: Io): Promise<SidecarCensus> {
  const selection = engineSelection(values);
  if (!selection.ok) throw new CdebugError(selection.error.code, selection.error.message);
  const { resolveEndpoint } = await import('../../runtimes/docker/endpoints/resolve.js');
  const { connectEndpoint } = await import('../../runtimes/docker/api/connect.js');
  const { dockerCensus } = await import('../../runtimes/docker/runtime.js');
  const endpoint = resolveEndpoint(selection.value, io.env);
  if (!endpoint.ok) throw new CdebugError(endpoint.error.code, endpoint.error.message);
  return dockerCensus(connectEndpoint(endpoint.value));
}
