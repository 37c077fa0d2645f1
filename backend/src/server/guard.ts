// The security hooks, run on every request before routing to a handler (and before a
// WebSocket upgrade, so refusals are real HTTP statuses):
//   - the unix socket is trusted: nothing to check;
//   - TCP: the Host must be a loopback name with the listener's port (DNS rebinding); a
//     forward's name (forward-host.ts) on a connection that was not spliced into it is 421;
//   - a WebSocket upgrade with an Origin must come from a page this service served, unless the
//     origin policy is 'token-only' (the Docker Desktop extension): then any Origin is let
//     through to the token check, which the upgrade must pass whatever its path;
//   - every /api request needs the token (Bearer header; `?token=` too on upgrades),
//     compared in constant time, with repeated failures slowed down.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { CdebugError } from '../contract/index.js';
import { FailureTracker } from './failures.js';
import type { Listeners } from './listeners.js';
import { forwardOfHost } from './forward-host.js';
import { hostAllowed, originAllowed } from './loopback.js';
import { bearer, tokenMatches } from './token.js';

export interface GuardOptions {
  token: string;
  listeners: Listeners;
  /** origins besides this service's own that may open WebSockets (the extension UI's) */
  allowedOrigins: readonly string[];
  /** default 'same-origin' */
  originPolicy?: OriginPolicy;
  failures?: FailureTracker;
}

/**
 * Which pages may open WebSockets on TCP (the Host check and the token apply in both):
 * - 'same-origin': pages this service served, and allowedOrigins (the standalone UI);
 * - 'token-only': any page that holds the token. For the Docker Desktop extension, whose page's
 *   Origin Desktop does not document (file://, "null" or its own scheme, varying by version);
 *   the token comes only from GET /api/connection on Desktop's private unix socket, so holding
 *   it is what sets the extension's page apart from other pages.
 */
export type OriginPolicy = 'same-origin' | 'token-only';
export const ORIGIN_POLICIES: readonly OriginPolicy[] = ['same-origin', 'token-only'];

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isUpgrade(request: FastifyRequest): boolean {
  return (request.headers.upgrade ?? '').toString().toLowerCase() === 'websocket';
}

/** routes under /api need the token; static files do not */
function needsToken(request: FastifyRequest): boolean {
  const route = request.routeOptions.url;
  if (route !== undefined) return route === '/api' || route.startsWith('/api/');
  let path = request.url.split('?')[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // malformed escapes: judge the path as it is
  }
  return path === '/api' || path.startsWith('/api/');
}

function queryToken(request: FastifyRequest): string | undefined {
  const query = request.query as Record<string, unknown> | null | undefined;
  // a request that Fastify refused before routing (framework-errors.ts) has no parsed query
  const value = query ? query.token : new URLSearchParams(request.url.split('?')[1] ?? '').get('token');
  return typeof value === 'string' ? value : undefined;
}

export function makeGuard(options: GuardOptions) {
  if (!options.token) throw new TypeError('the guard needs a token');
  const failures = options.failures ?? new FailureTracker();
  const originPolicy = options.originPolicy ?? 'same-origin';
  if (!ORIGIN_POLICIES.includes(originPolicy)) throw new TypeError(`unknown origin policy ${String(originPolicy)}`);

  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const listener = options.listeners.of(request.raw);
    if (listener.kind === 'unix') return;

    // a forward's name on a connection that was not spliced into it (a client that reused a
    // connection across host names): 421 tells it to open a new one, which host-router.ts splices
    if (forwardOfHost(request.headers.host, listener) !== null) {
      throw new CdebugError('misdirected_request', "This connection is the service's own, not the port-forward's: open the forward's URL on a new connection.");
    }
    if (!hostAllowed(request.headers.host, listener)) {
      throw new CdebugError(
        'forbidden',
        `Use this service by a loopback address with its port, e.g. http://127.0.0.1:${listener.port}/ (the Host header was refused).`,
      );
    }
    const upgrade = isUpgrade(request);
    const origin = request.headers.origin;
    const foreign = upgrade && origin !== undefined && !originAllowed(origin, listener, options.allowedOrigins);
    if (foreign && originPolicy === 'same-origin') {
      throw new CdebugError('forbidden', 'WebSocket connections are accepted only from pages this service served (the Origin was refused).');
    }
    // a foreign page's upgrade (token-only) needs the token even on a path that would not
    if (!needsToken(request) && !foreign) return;

    const given = bearer(request.headers.authorization) ?? (upgrade ? queryToken(request) : undefined);
    if (tokenMatches(given, options.token)) return;
    // per client address: on loopback every page shares 127.0.0.1, so a right token always
    // passes above, whatever the count
    const { delayMs, limited, retryAfterS } = failures.fail(request.ip);
    await delay(delayMs);
    if (limited) {
      void reply.header('Retry-After', String(retryAfterS));
      throw new CdebugError('too_many_requests', 'Too many requests with a wrong token: wait a minute, then use the URL that `cdebug serve` printed.');
    }
    throw new CdebugError(
      'unauthorized',
      given === undefined
        ? 'This service needs its access token: open the URL that `cdebug serve` printed, or send "Authorization: Bearer <token>".'
        : 'The access token is wrong: use the one that `cdebug serve` printed.',
    );
  };
}

/** headers for every answer: no sniffing, no framing, no referrer, no caching of the API */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('X-Content-Type-Options', 'nosniff');
  void reply.header('X-Frame-Options', 'DENY');
  void reply.header('Referrer-Policy', 'no-referrer');
  if (request.url.startsWith('/api')) void reply.header('Cache-Control', 'no-store');
}
