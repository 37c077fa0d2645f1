// GET /api/audit?limit=N: the audit trail's last N entries (default 100, at most 1000), oldest
// first, as the file has them (so entries of earlier runs of the service are there too).

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import * as Type from 'typebox';
import { CdebugError, routes } from '../../contract/index.js';
import type { AuditEntry } from '../audit/entry.js';
import type { AuditLog } from '../audit/log.js';
import { routePlugin } from '../plugin.js';

export const MAX_AUDIT_LIMIT = 1000;
export const DEFAULT_AUDIT_LIMIT = 100;

/** a query string is text: the number is checked here, not coerced */
const AuditQuery = Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })) });

export interface AuditRoutesOptions {
  /** null: the service keeps no audit trail */
  audit: AuditLog | null;
}

export const auditRoutes = routePlugin((fastify: FastifyInstance, options: AuditRoutesOptions) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(routes.audit, { schema: { querystring: AuditQuery } }, async (request): Promise<AuditEntry[]> => {
    const limit = request.query.limit === undefined ? DEFAULT_AUDIT_LIMIT : Number(request.query.limit);
    if (limit < 1 || limit > MAX_AUDIT_LIMIT) throw new CdebugError('bad_request', `limit must be 1 to ${MAX_AUDIT_LIMIT}.`);
    if (!options.audit) throw new CdebugError('audit_unavailable', 'This service keeps no audit log: start it with --audit-log FILE.');
    return options.audit.last(limit);
  });
});
