// The Docker Desktop host: REST goes through the extension's backend socket
// (`ddClient.extension.vm.service`); Desktop offers no WebSocket there, so the attach socket goes
// to the loopback port that the extension's compose file publishes, with a short-lived token that
// `GET /api/connection` hands out through the trusted socket.

import type { ErrorInfo, Result } from '@cdebug/contract';
import { readConnection, readErrorBody } from './guards';
import { serviceUnreachable, type Host, type Method } from './host';
import { parseBody, statusError } from './http';

/** The part of `ddClient` this host uses (createDockerDesktopClient's answer fits it). */
export interface DesktopClientLike {
  extension: {
    vm?: {
      service?: {
        get: (url: string) => Promise<unknown>;
        post: (url: string, data: unknown) => Promise<unknown>;
        delete: (url: string) => Promise<unknown>;
      };
    };
  };
  desktopUI: {
    toast: { success: (message: string) => void; warning: (message: string) => void; error: (message: string) => void };
  };
  host: { openExternal: (url: string) => void };
}

/** The published port is bound on 127.0.0.1 only (never `localhost`, which may resolve to ::1). */
const SOCKET_HOST = '127.0.0.1';

export function desktopHost(dd: DesktopClientLike): Host {
  async function request(method: Method, path: string, body?: unknown): Promise<Result<unknown>> {
    const service = dd.extension.vm?.service;
    if (!service) return { ok: false, error: serviceUnreachable('this extension has no backend service') };
    try {
      const answer = method === 'GET' ? await service.get(path) : method === 'POST' ? await service.post(path, body ?? {}) : await service.delete(path);
      return normalise(answer);
    } catch (failure) {
      return { ok: false, error: desktopError(failure) };
    }
  }

  // Desktop hands a text answer over as it is; an answer it parsed was JSON, not a recording
  async function requestText(path: string): Promise<Result<string>> {
    const service = dd.extension.vm?.service;
    if (!service) return { ok: false, error: serviceUnreachable('this extension has no backend service') };
    try {
      const answer = await service.get(path);
      return typeof answer === 'string'
        ? { ok: true, value: answer }
        : { ok: false, error: { code: 'internal', message: 'The cdebug service answered with JSON where a recording was expected.' } };
    } catch (failure) {
      return { ok: false, error: desktopError(failure) };
    }
  }

  async function socketUrl(path: string): Promise<Result<string>> {
    const answer = await request('GET', '/api/connection');
    if (!answer.ok) return answer;
    const connection = readConnection(answer.value, 'GET /api/connection');
    if (!connection.ok) return connection;
    const { port, token } = connection.value;
    return { ok: true, value: `ws://${SOCKET_HOST}:${port}${path}?token=${encodeURIComponent(token)}` };
  }

  return {
    kind: 'desktop',
    request,
    requestText,
    socketUrl,
    toast: (level, message) => dd.desktopUI.toast[level](message),
    // the extension's page cannot open windows itself
    openExternal: (url) => dd.host.openExternal(url),
  };
}

/** Desktop hands JSON answers over parsed, but some versions pass the text through. */
function normalise(answer: unknown): Result<unknown> {
  if (typeof answer !== 'string') return { ok: true, value: answer };
  const body = parseBody(answer);
  return body.ok ? body : { ok: false, error: { code: 'internal', message: 'The cdebug service answered with something that is not JSON.' } };
}

/**
 * A failed `vm.service` call rejects with `{statusCode, message}` (the message often being the
 * response body) or, when the backend is not running at all, with a plain error.
 */
export function desktopError(failure: unknown): ErrorInfo {
  if (typeof failure !== 'object' || failure === null) return serviceUnreachable(String(failure));
  const fields: Record<string, unknown> = { ...failure };
  const message = 'message' in failure && typeof failure.message === 'string' ? failure.message : undefined;
  const parsed = message !== undefined ? parseBody(message) : null;
  for (const candidate of [failure, fields.data, fields.body, parsed?.ok ? parsed.value : undefined]) {
    const info = readErrorBody(candidate);
    if (info) return info;
  }
  if (typeof fields.statusCode === 'number') return statusError(fields.statusCode);
  return serviceUnreachable(message);
}
