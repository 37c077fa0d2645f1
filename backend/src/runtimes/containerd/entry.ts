// A pool entry for a containerd engine: its address read (socket and namespace), one gRPC
// client behind both facets, and its errors said about that engine by its name.

import { CdebugError } from '../../contract/index.js';
import type { EngineEntry } from '../pool.js';
import { formatContainerdAddress, parseContainerdAddress } from './address.js';
import { connectContainerd } from './client/connect.js';
import { containerdRuntime } from './runtime.js';

export function containerdEngineEntry(address: { name: string; url: string }, owner: string): EngineEntry {
  const parsed = parseContainerdAddress(address.url, undefined, `engine "${address.name}": the address`);
  if (!parsed.ok) throw new CdebugError(parsed.error.code, parsed.error.message);
  const client = connectContainerd(parsed.value.socket, parsed.value.namespace);
  return { name: address.name, host: formatContainerdAddress(parsed.value), ...containerdRuntime(client, owner) };
}
