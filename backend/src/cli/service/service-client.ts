// The few calls the terminal's session commands make to a running service, with its token.

import { CdebugError, isErrorCode, routes, type Session } from '../../contract/index.js';
import type { ServiceAddress } from './service-address.js';

const LIMIT_MS = 5_000;

async function call(address: ServiceAddress, method: string, path: string): Promise<Response> {
  try {
    return await fetch(new URL(path, address.base), {
      method,
      headers: address.token ? { authorization: `Bearer ${address.token}` } : {},
      signal: AbortSignal.timeout(LIMIT_MS),
    });
  } catch (err) {
    throw new CdebugError(
      'service_unreachable',
      `No cdebug service answers at ${address.base}: start one with \`cdebug serve\`, or give its URL with --server.`,
      {
        cause: err,
      },
    );
  }
}

async function refusal(address: ServiceAddress, res: Response): Promise<CdebugError> {
  if (res.status === 401) {
    return new CdebugError(
      'unauthorized',
      `The service at ${address.base} refused the token: give --token (or CDEBUG_TOKEN), or the whole URL \`cdebug serve\` printed to --server.`,
    );
  }
  const body = (await res.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const code = body?.error?.code;
  const message = typeof body?.error?.message === 'string' ? body.error.message : `The service answered ${res.status}.`;
  return new CdebugError(isErrorCode(code) ? code : 'internal', message);
}

/** the service's sessions; null when none answers at the default address (none was named) */
export async function serviceSessions(address: ServiceAddress): Promise<Session[] | null> {
  let res: Response;
  try {
    res = await call(address, 'GET', routes.sessions);
  } catch (err) {
    if (!address.explicit) return null;
    throw err;
  }
  if (!res.ok) throw await refusal(address, res);
  return (await res.json()) as Session[];
}

/** ends a session of the service: true when it had it, false when it has no such session */
export async function endServiceSession(address: ServiceAddress, id: string): Promise<boolean> {
  const res = await call(address, 'DELETE', routes.session(id));
  if (res.status === 404) return false;
  if (!res.ok) throw await refusal(address, res);
  return true;
}
