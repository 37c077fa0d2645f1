// A CRI runtime's address: cri:///path/to/socket (the runtime's gRPC unix socket, e.g.
// containerd's /run/containerd/containerd.sock or CRI-O's /var/run/crio/crio.sock). Pure.

import { fail, ok, type Result } from '../../contract/index.js';

export const CRI_SCHEME = 'cri://';

export function isCriAddress(address: string | undefined): boolean {
  return address !== undefined && address.startsWith(CRI_SCHEME);
}

/** the socket's path; a refusal that says how to write it otherwise */
export function criSocketPath(address: string): Result<string> {
  const path = address.slice(CRI_SCHEME.length);
  if (!address.startsWith(CRI_SCHEME) || !path.startsWith('/') || path.length < 2 || /[\s?#]/.test(path)) {
    return fail('bad_request', `"${address}" is no CRI address: write cri:///path/to/socket (e.g. cri:///run/containerd/containerd.sock).`);
  }
  return ok(path);
}
