// The Kubernetes CRI adapter of the runtime port: one gRPC connection to a CRI runtime's socket
// (containerd's CRI plugin, CRI-O) behind the session side and the catalog. Targets are named
// POD[/CONTAINER] in one Kubernetes namespace, or by container id.

import { CdebugError } from '../../contract/index.js';
import type { Runtime, SessionEngine } from '../port.js';
import { criSocketPath } from './address.js';
import { criCatalog } from './catalog.js';
import { criClient } from './client.js';
import { criSessionEngine } from './sessions.js';

export interface CriRuntimeOptions {
  owner: string;
  /** the Kubernetes namespace of POD targets (default "default") */
  namespace?: string | undefined;
}

export interface CriRuntime extends Runtime {
  readonly sessions: SessionEngine;
  /** closes the gRPC channels (a CLI run's last step) */
  close(): void;
}

/** `address`: cri:///path/to/socket; throws bad_request for anything else */
export function criRuntime(address: string, options: CriRuntimeOptions): CriRuntime {
  const path = criSocketPath(address);
  if (!path.ok) throw new CdebugError(path.error.code, path.error.message);
  const api = criClient(path.value, address);
  return {
    catalog: criCatalog(api, address),
    sessions: criSessionEngine(api, { owner: options.owner, namespace: options.namespace || 'default' }),
    close: () => api.close(),
  };
}
