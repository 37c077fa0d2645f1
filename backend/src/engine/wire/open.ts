// A ContainerApi over cdebug's own client for an engine address, or null where dockerode has to
// carry the calls (ssh://: its connections are ssh processes that dockerode's agent keeps alive).
// Pulls go through `slowPath` (dockerode): they stream progress, and are rare on this path.

import { type Result, ok } from '../../contract/index.js';
import type { ContainerApi } from '../container-api.js';
import type { EngineAddress } from '../endpoints/address.js';
import { wireApi } from './api.js';
import { WireClient } from './client.js';
import { type WireDialOptions, wireDialer } from './dial.js';

export function wireContainerApi(address: EngineAddress, options: WireDialOptions & { slowPath: () => Promise<ContainerApi> }): Result<ContainerApi | null> {
  if (address.kind === 'ssh') return ok(null);
  const dialer = wireDialer(address, options);
  if (!dialer.ok) return dialer;
  return ok(wireApi(new WireClient(dialer.value.dial, dialer.value.host), options.slowPath));
}
