// Port-forward types and routes (docs/PORT-FORWARD.md), derived from schema/forwards.ts.
// Type-only imports of the schemas, as api.ts does, so that the CLI starts without them.

import type { Static } from 'typebox';
import type * as Forwards from './schema/forwards.js';

export type CreateForwardRequest = Static<typeof Forwards.CreateForwardRequest>;
export type Forward = Static<typeof Forwards.Forward>;
export type ContainerPorts = Static<typeof Forwards.ContainerPorts>;
export type ListeningSocket = Static<typeof Forwards.ListeningSocket>;

export const forwardRoutes = {
  forwards: '/api/forwards',
  forward: (id: string) => `/api/forwards/${encodeURIComponent(id)}`,
  /** the container's listening TCP ports, on one engine (default: the default engine) */
  containerPorts: (id: string, engine?: string) =>
    `/api/containers/${encodeURIComponent(id)}/ports${engine === undefined ? '' : `?engine=${encodeURIComponent(engine)}`}`,
} as const;

/** where a forward is reached from a browser on the service's machine: its own loopback listener */
export function forwardUrl(forward: Pick<Forward, 'localPort'>): string {
  return `http://127.0.0.1:${forward.localPort}/`;
}

/**
 * The host name that reaches a forward through the service's own TCP port (the Docker Desktop
 * extension's published one), whose forwards' listeners the host's browser cannot reach.
 * Browsers resolve every `*.localhost` name to loopback themselves (RFC 6761), so no DNS is
 * involved; the service splices a connection naming it into the forward (docs/PORT-FORWARD.md).
 */
export const FORWARD_HOST_PREFIX = 'f-';
export const FORWARD_HOST_SUFFIX = '.localhost';

export function forwardHostName(id: string): string {
  return `${FORWARD_HOST_PREFIX}${id}${FORWARD_HOST_SUFFIX}`;
}

/** a forward reached by name through the service's port */
export function forwardHostUrl(id: string, servicePort: number): string {
  return `http://${forwardHostName(id)}:${servicePort}/`;
}
