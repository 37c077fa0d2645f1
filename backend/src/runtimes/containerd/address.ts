// A containerd engine's address: containerd:///path/to/containerd.sock, with the namespace as
// `?namespace=NS` (`cdebug exec` also takes --namespace). Pure.

import { fail, ok, type Result } from '../../contract/index.js';

export const SCHEME = 'containerd:';
export const DEFAULT_NAMESPACE = 'default';

export interface ContainerdAddress {
  socket: string;
  namespace: string;
}

/** containerd's own rule for namespace names (namespaces/validate.go): labels of letters and
 * digits joined by ".", "_" or "-", 76 characters at most */
const NAMESPACE = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;

export function isNamespace(name: string): boolean {
  return name.length <= 76 && NAMESPACE.test(name);
}

export function isContainerdAddress(text: string): boolean {
  return text.trim().toLowerCase().startsWith('containerd://');
}

/** `namespace`: the --namespace flag, which wins over the address's own */
export function parseContainerdAddress(text: string, namespace?: string, what = 'the engine address'): Result<ContainerdAddress> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail('bad_request', `${what} "${text}" is not a URL: give containerd:///path/to/containerd.sock`);
  }
  if (url.protocol !== SCHEME) return fail('bad_request', `${what} "${text}" is not a containerd address: give containerd:///path/to/containerd.sock`);
  if (url.host !== '')
    return fail('bad_request', `${what} "${text}" names a host: containerd is reached through its local socket, containerd:///path/to/containerd.sock`);
  if (url.pathname === '' || url.pathname === '/') return fail('bad_request', `${what} "${text}" names no socket: give containerd:///path/to/containerd.sock`);
  const ns = namespace ?? url.searchParams.get('namespace') ?? DEFAULT_NAMESPACE;
  if (!isNamespace(ns)) return fail('bad_request', `"${ns.slice(0, 80)}" is not a containerd namespace name (letters and digits, joined by ".", "_" or "-")`);
  return ok({ socket: decodeURIComponent(url.pathname), namespace: ns });
}

/** the address for people and for the engine list: the socket and the namespace */
export function formatContainerdAddress(address: ContainerdAddress): string {
  return `containerd://${address.socket}?namespace=${address.namespace}`;
}

/**
 * The containerd a user of `ctr` has named: CONTAINERD_ADDRESS (a socket path) in
 * CONTAINERD_NAMESPACE, as ctr reads them; null when it is not set. Only when named: a containerd
 * at its default socket is usually Docker's own, whose `moby` namespace Docker lists already.
 */
export function environmentContainerd(env: NodeJS.ProcessEnv): ContainerdAddress | null {
  const socket = env.CONTAINERD_ADDRESS?.replace(/^unix:\/\//, '') ?? '';
  if (!socket) return null;
  const namespace = env.CONTAINERD_NAMESPACE && isNamespace(env.CONTAINERD_NAMESPACE) ? env.CONTAINERD_NAMESPACE : DEFAULT_NAMESPACE;
  return { socket, namespace };
}
