// Host and Origin checks against DNS rebinding and cross-site WebSocket hijacking. Pure.
// A TCP request must name this service by a loopback name and the listener's port; a
// WebSocket that carries an Origin must come from a page this service served.

import type { TcpListener } from './listeners.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return LOOPBACK_NAMES.has(h) || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(h) || h === '::1';
}

/** "name:port" from a Host header; the port is 80 when absent, null when malformed */
export function splitHost(host: string): { name: string; port: number } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host.trim());
  if (!m) return null;
  const port = m[2] === undefined ? 80 : Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { name: (m[1] as string).toLowerCase(), port };
}

/** binding addresses that accept connections on every interface */
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

export function hostAllowed(host: string | undefined, listener: TcpListener): boolean {
  if (!host) return false;
  const parsed = splitHost(host);
  // behind the engine's port publishing, clients name the host's port
  if (!parsed || (parsed.port !== listener.port && parsed.port !== listener.published)) return false;
  if (isLoopbackHost(parsed.name)) return true;
  // a service bound to another address on purpose (--allow-remote, token required) is
  // reached by that address, or by any name when it listens everywhere
  if (!listener.remote) return false;
  return WILDCARD.has(listener.host) || parsed.name === listener.host.toLowerCase();
}

export function originAllowed(origin: string, listener: TcpListener, extra: readonly string[] = []): boolean {
  if (extra.includes(origin)) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // an origin is scheme://host[:port], nothing more
  if (url.protocol !== 'http:' || url.username || url.password || url.pathname !== '/' || url.search || url.hash) return false;
  if (origin.endsWith('/')) return false;
  return hostAllowed(`${url.hostname}:${url.port || 80}`, listener);
}
