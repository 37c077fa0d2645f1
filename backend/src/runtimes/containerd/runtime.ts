// The containerd adapter of the runtime port: one gRPC connection, in one namespace, behind both
// facets. `owner` labels every sidecar it starts, and only that owner's are listed back.

import type { ContainerdClient } from './client/connect.js';
import { containerdCatalog } from './catalog.js';
import { containerdSessionEngine } from './sessions.js';
import type { Runtime } from '../port.js';

export function containerdRuntime(client: ContainerdClient, owner: string): Runtime {
  return { catalog: containerdCatalog(client), sessions: containerdSessionEngine(client, owner) };
}
