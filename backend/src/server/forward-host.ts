// Forwards reached by host name through the service's own TCP port (docs/PORT-FORWARD.md,
// "Docker Desktop"). Pure: where a request head ends, its Host header, which forward a Host
// names, and the URL a forward is offered at.
//
// In the Docker Desktop extension a forward's listener is on the extension container's
// loopback, which the host's browser cannot reach; the only way in is the service's published
// port. Browsers resolve every `*.localhost` name to loopback themselves (RFC 6761), so
// `http://f-<id>.localhost:<published port>/` reaches that port, and the Host header says which
// forward the connection is for.

import { FORWARD_HOST_PREFIX, FORWARD_HOST_SUFFIX, forwardHostUrl, forwardUrl } from '../contract/index.js';
import type { TcpListener } from './listeners.js';
import { splitHost } from './loopback.js';

/** the registry's ids are 16 lowercase hex digits; anything of their alphabet up to 64 is looked up */
const FORWARD_NAME = new RegExp(`^${FORWARD_HOST_PREFIX}([0-9a-f]{1,64})${FORWARD_HOST_SUFFIX.replace('.', '\\.')}$`);

/** the index just past the blank line that ends a request head, or -1 while it has not come */
export function requestHeadEnd(data: Buffer): number {
  const crlf = data.indexOf('\r\n\r\n', 0, 'latin1');
  // a bare LF ends lines too for lenient clients, as Node's own parser allows
  const lf = data.indexOf('\n\n', 0, 'latin1');
  if (crlf < 0) return lf < 0 ? -1 : lf + 2;
  if (lf < 0) return crlf + 4;
  return Math.min(crlf + 4, lf + 2);
}

/**
 * The value of the head's one Host header; null when there is none or more than one (the HTTP
 * server then refuses or judges the request itself, and a request it serves is judged by the
 * guard on its first Host, which names no forward there).
 */
export function hostHeader(head: Buffer): string | null {
  const lines = head.toString('latin1').split(/\r?\n/);
  let host: string | null = null;
  // the first line is the request line
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.slice(0, colon).toLowerCase() !== 'host') continue;
    if (host !== null) return null;
    host = line.slice(colon + 1).trim();
  }
  return host;
}

/**
 * The forward id a Host names on this listener, or null: `f-<id>.localhost` with a port the
 * listener is reached by (its own, or the host's port the engine publishes it on), as the
 * loopback Host check wants for the service's own names. Only on a listener that offers
 * forwards by name (behind a loopback publish: the Docker Desktop extension).
 */
export function forwardOfHost(host: string | null | undefined, listener: TcpListener): string | null {
  if (!listener.forwardsByHost || !host) return null;
  const parsed = splitHost(host);
  if (!parsed || (parsed.port !== listener.port && parsed.port !== listener.published)) return null;
  const m = FORWARD_NAME.exec(parsed.name);
  return m ? (m[1] as string) : null;
}

/** the URL a browser on the user's machine opens a forward at, given the service's TCP listener */
export function forwardUrlFor(listener: TcpListener | null, forward: { id: string; localPort: number }): string {
  if (listener?.forwardsByHost) return forwardHostUrl(forward.id, listener.published ?? listener.port);
  return forwardUrl(forward);
}
