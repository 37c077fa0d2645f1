// GET /api/health: the service is up; what engine it drives, or why it cannot reach one. An
// engine that does not answer in time counts as unreachable: one that is starting (dockerd
// accepts connections while it restores its containers, and answers only after) or hung must
// not hold the health check, whose whole point is to report the outage while it lasts.

import type { FastifyInstance } from 'fastify';
import { CdebugError, type Health, routes } from '../../contract/index.js';
import { withDeadline } from '../deadline.js';
import type { CatalogEngine } from '../../runtimes/port.js';
import { toCdebugError } from '../errors.js';
import { routePlugin } from '../plugin.js';

export const HEALTH_TIMEOUT_MS = 3000;

export interface HealthOptions {
  catalog: CatalogEngine;
  version: string;
  /** how long the engine may take to say what it is (default HEALTH_TIMEOUT_MS) */
  timeoutMs?: number;
  /** whether the audit trail can be written; absent: none is kept */
  audit?: () => NonNullable<Health['audit']>;
}

export const healthRoutes = routePlugin((app: FastifyInstance, options: HealthOptions) => {
  const { catalog, version } = options;
  const timeoutMs = options.timeoutMs ?? HEALTH_TIMEOUT_MS;
  const late = () =>
    new CdebugError(
      'engine_unreachable',
      `The container engine did not answer within ${Math.round(timeoutMs / 100) / 10} s: it may be starting, restarting or overloaded.`,
    );
  const audit = () => (options.audit ? { audit: options.audit() } : {});
  app.get(routes.health, async (_request, reply): Promise<Health> => {
    try {
      return { ok: true, version, engine: await withDeadline((signal) => catalog.describe(signal), timeoutMs, late), ...audit() };
    } catch (err) {
      const error = toCdebugError(err);
      void reply.code(error.code === 'engine_unreachable' ? 503 : error.status);
      return { ok: false, version, engine: null, error: error.toInfo(), ...audit() };
    }
  });
});
