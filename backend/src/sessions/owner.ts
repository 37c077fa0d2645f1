// The owner label on cdebug's sidecars: a service's "service:<host>:<listener>", one `cdebug exec`'s
// "cli:<host>:<pid>". A service only ever reconciles sidecars that carry exactly its own value, so
// two services on one engine (or the CLI) never touch each other's.

import { hostname } from 'node:os';

/** the owner label of one `cdebug exec` process */
export function cliOwner(pid = process.pid, host = hostname()): string {
  return `cli:${host}:${pid}`;
}

export function serviceOwner(host: string, listener: { socketPath?: string | null; tcp?: { host: string; port: number } | null }, pid = process.pid): string {
  if (listener.socketPath) return `service:${host}:unix:${listener.socketPath}`;
  if (listener.tcp) {
    const { host: bind, port } = listener.tcp;
    // a random port is a different service each time: never adopt across those
    return port === 0 ? `service:${host}:tcp:${bind}:0:${pid}` : `service:${host}:tcp:${bind}:${port}`;
  }
  return `service:${host}:none:${pid}`;
}
