// The real service for integration tests: the app with the Docker engine, listening on a free
// loopback port, with a per-test-file owner label so that it only ever touches its own sidecars.

import { hostname } from 'node:os';
import { connectEngine, PROBE_LIMITS } from '../../src/runtimes/docker/api/connect.js';
import { type AppOptions, buildApp } from '../../src/server/app.js';
import { dockerCatalog } from '../../src/runtimes/docker/catalog.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { newToken } from '../../src/server/token.js';
import { dockerSessionEngine } from '../../src/runtimes/docker/sessions.js';
import type { Session } from '../../src/contract/index.js';
import { fetchApi, sessionCalls } from '../helpers/service-client.js';

export function testOwner(name: string): string {
  return `service:${hostname()}:test-${name}-${process.pid}`;
}

/** the app over the Docker engine of the environment, its sidecars labelled with `owner`; no UI, no idle timeout unless given */
export function dockerApp(
  owner: string,
  token: string,
  options: Pick<AppOptions, 'idleTimeoutSeconds' | 'keepSessionsOnClose' | 'reconcile' | 'failures'> = {},
): ReturnType<typeof buildApp> {
  const engine = connectEngine();
  return buildApp({
    sessionEngine: dockerSessionEngine(engine, owner, connectEngine(undefined, process.env, PROBE_LIMITS)),
    catalog: dockerCatalog(engine),
    token,
    uiDir: null,
    idleTimeoutSeconds: 0,
    ...options,
  });
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

export async function startService(
  owner: string,
  options: { keepSessionsOnClose?: boolean; token?: string; idleTimeoutSeconds?: number } = {},
): Promise<LiveService> {
  const token = options.token ?? newToken();
  const app = dockerApp(owner, token, {
    idleTimeoutSeconds: options.idleTimeoutSeconds ?? 0,
    keepSessionsOnClose: options.keepSessionsOnClose === true,
  });
  const listening = await listen(app, { tcp: { host: '127.0.0.1', port: 0 } });
  const port = listening.port as number;
  const base = `http://127.0.0.1:${port}`;
  const api = fetchApi(base, token);
  return {
    port,
    token,
    base,
    listening,
    api,
    ...sessionCalls(port, token, api),
    close: () => listening.close(),
  };
}
