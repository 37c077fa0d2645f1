// The real service for integration tests: the app with the Docker engine, listening on a free
// loopback port, with a per-test-file owner label so that it only ever touches its own sidecars.

import { hostname } from 'node:os';
import { connectEngine, PROBE_LIMITS } from '../../src/runtimes/docker/api/connect.js';
import { type AppOptions, buildApp } from '../../src/server/app.js';
import { dockerCatalog } from '../../src/runtimes/docker/catalog.js';
import { newToken } from '../../src/server/token.js';
import { dockerSessionEngine } from '../../src/runtimes/docker/sessions.js';
import { dockerForwardEngine } from '../../src/runtimes/docker/forwards.js';
import { type LoopbackService, serveOnLoopback } from '../kit/service.js';

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
    sessionEngine: dockerSessionEngine(engine, owner, () => connectEngine(undefined, process.env, PROBE_LIMITS)),
    catalog: dockerCatalog(engine),
    forwards: dockerForwardEngine(engine, owner),
    token,
    uiDir: null,
    idleTimeoutSeconds: 0,
    ...options,
  });
}

/** the service on a loopback port, with its API, session calls and close */
export type LiveService = LoopbackService;

export async function startService(
  owner: string,
  options: { keepSessionsOnClose?: boolean; token?: string; idleTimeoutSeconds?: number; publishedOnLoopback?: boolean } = {},
): Promise<LiveService> {
  const token = options.token ?? newToken();
  const app = dockerApp(owner, token, {
    idleTimeoutSeconds: options.idleTimeoutSeconds ?? 0,
    keepSessionsOnClose: options.keepSessionsOnClose === true,
  });
  return serveOnLoopback(app, token, { publishedOnLoopback: options.publishedOnLoopback === true });
}
