// The real service over two real engines for the multi-engine tests: the shared engine (the
// default) and a private dockerd, each built the way `cdebug serve --engine` builds it, on a
// free loopback port, with the test file's owner label on every sidecar.

import { dockerEngineEntry } from '../../src/runtimes/docker/entry.js';
import { EnginePool } from '../../src/runtimes/pool.js';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/token.js';
import { type LoopbackService, serveOnLoopback } from '../kit/service.js';

export type TwoEngineService = LoopbackService;

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
  return serveOnLoopback(app, token);
}
