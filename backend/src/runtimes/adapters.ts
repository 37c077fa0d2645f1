// Which adapter serves an engine address, picked by its scheme: cri:// the Kubernetes CRI one
// (runtimes/cri/), anything else the Docker API one (runtimes/docker/, which resolves DOCKER_HOST,
// contexts, TLS and ssh itself). The one module of runtimes/ outside the adapters that knows
// them; each is loaded only when picked, so that a command pays for one client.

import { isCriAddress } from './cri/address.js';
import type { CriRuntime, CriRuntimeOptions } from './cri/runtime.js';
import type { EngineEntry } from './pool.js';

export type AdapterKind = 'docker' | 'cri';

/** `address`: --host, or a service engine's URL; undefined (the environment's engine) is Docker's */
export function adapterFor(address: string | undefined): AdapterKind {
  return isCriAddress(address) ? 'cri' : 'docker';
}

/** a CRI runtime at cri:///path/to/socket (throws bad_request for a malformed address) */
export async function openCriRuntime(address: string, options: CriRuntimeOptions): Promise<CriRuntime> {
  const { criRuntime } = await import('./cri/runtime.js');
  return criRuntime(address, options);
}

/** a service's engine on a CRI runtime: its name, its address for people (a socket path has no
 * credentials to hide) and its runtime */
export async function criEngineEntry(name: string, address: string, owner: string): Promise<EngineEntry> {
  const runtime = await openCriRuntime(address, { owner });
  return { name, host: address, catalog: runtime.catalog, sessions: runtime.sessions };
}
