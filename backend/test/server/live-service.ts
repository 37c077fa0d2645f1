// The real service for integration tests: the app with the Docker engine, listening on a free
// loopback port, with a per-test-file owner label so that it only ever touches its own sidecars.

import { hostname } from 'node:os';
import { connectEngine } from '../../src/engine/connect.js';
import { buildApp } from '../../src/server/app.js';
import { dockerCatalog } from '../../src/server/docker-catalog.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { newToken } from '../../src/server/token.js';
import { dockerSessionEngine } from '../../src/sessions/docker-engine.js';
import { routes, type Session } from '../../src/contract/index.js';

export function testOwner(name: string): string {
  return `service:${hostname()}:test-${name}-${process.pid}`;
}

export interface LiveService {
  port: number;
  token: string;
  base: string;
  listening: Listening;
  api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  createSession(body: Record<string, unknown>): Promise<Session>;
  session(id: string): Promise<Session>;
  wsUrl(id: string): string;
  close(): Promise<void>;
}

export async function startService(owner: string, options: { keepSessionsOnClose?: boolean; token?: string; idleTimeoutSeconds?: number } = {}): Promise<LiveService> {
  const engine = connectEngine();
  const token = options.token ?? newToken();
  const app = buildApp({
    sessionEngine: dockerSessionEngine(engine, owner),
    catalog: dockerCatalog(engine),
    token,
    uiDir: null,
    idleTimeoutSeconds: options.idleTimeoutSeconds ?? 0,
    keepSessionsOnClose: options.keepSessionsOnClose === true,
  });
  const listening = await listen(app, { tcp: { host: '127.0.0.1', port: 0 } });
  const port = listening.port as number;
  const base = `http://127.0.0.1:${port}`;
  const api = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    port,
    token,
    base,
    listening,
    api,
    async createSession(body) {
      const res = await api<Session>('POST', routes.sessions, body);
      if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async session(id) {
      return (await api<Session>('GET', routes.session(id))).body;
    },
    wsUrl: (id) => `ws://127.0.0.1:${port}${routes.attach(id)}?token=${encodeURIComponent(token)}`,
    close: () => listening.close(),
  };
}
