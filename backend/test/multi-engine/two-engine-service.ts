// The real service over two real engines for the multi-engine tests: the shared engine (the
// default) and a private dockerd, each built the way `cdebug serve --engine` builds it, on a
// free loopback port, with the test file's owner label on every sidecar.

import type { Session } from '../../src/contract/index.js';
import { dockerEngineEntry } from '../../src/runtimes/docker/entry.js';
import { EnginePool } from '../../src/runtimes/pool.js';
import { buildApp } from '../../src/server/app.js';
import { listen } from '../../src/server/listen.js';
import { newToken } from '../../src/server/token.js';
import { fetchApi, sessionCalls } from '../helpers/service-client.js';

export interface TwoEngineService {
  base: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  createSession(body: Record<string, unknown>): Promise<Session>;
  session(id: string): Promise<Session>;
  wsUrl(id: string): string;
  close(): Promise<void>;
}

export const SHARED = 'shared';
export const PRIVATE = 'private';

export interface TwoEngineOptions {
  keepSessionsOnClose?: boolean;
  /** name the private engine by this Docker context (`--context`), found with DOCKER_CONFIG=configDir, instead of its URL */
  context?: { name: string; configDir: string };
}

export async function startTwoEngineService(owner: string, privateHost: string, options: TwoEngineOptions = {}): Promise<TwoEngineService> {
  const { context } = options;
  const engines = new EnginePool([
    // the environment's engine, as with no --engine; then the private one by its URL or context
    dockerEngineEntry({ name: SHARED }, owner),
    context
      ? dockerEngineEntry({ name: context.name, context: context.name }, owner, { env: { ...process.env, DOCKER_CONFIG: context.configDir } })
      : dockerEngineEntry({ name: PRIVATE, url: privateHost }, owner),
  ]);
  const token = newToken();
  const app = buildApp({ engines, token, uiDir: null, idleTimeoutSeconds: 0, keepSessionsOnClose: options.keepSessionsOnClose === true });
  const listening = await listen(app, { tcp: { host: '127.0.0.1', port: 0 } });
  const port = listening.port as number;
  const base = `http://127.0.0.1:${port}`;
  const api = fetchApi(base, token);
  return {
    base,
    api,
    ...sessionCalls(port, token, api),
    close: () => listening.close(),
  };
}
