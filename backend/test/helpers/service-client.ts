// A test's client for a running cdebug service on a loopback port: its JSON API with the bearer
// token, and the session calls every service test makes (create, read, the WebSocket's URL).

import { routes, type Session } from '../../src/contract/index.js';

export type Answer<T> = { status: number; body: T };

/** one JSON API call; a body, when given, is sent as JSON; an empty answer's body is undefined */
export type Api = <T = unknown>(method: string, path: string, body?: unknown) => Promise<Answer<T>>;

export interface SessionCalls {
  /** POST /api/sessions; throws unless it answered 201 */
  createSession(body: Record<string, unknown>): Promise<Session>;
  session(id: string): Promise<Session>;
  wsUrl(id: string): string;
}

/** the API over fetch (pooled connections), with extra headers per call when asked */
export function fetchApi(base: string, token: string) {
  return async <T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

export function sessionCalls(port: number, token: string, api: Api): SessionCalls {
  return {
    async createSession(body) {
      const res = await api<Session>('POST', routes.sessions, body);
      if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async session(id) {
      return (await api<Session>('GET', routes.session(id))).body;
    },
    wsUrl: (id) => `ws://127.0.0.1:${port}${routes.attach(id)}?token=${encodeURIComponent(token)}`,
  };
}
