// Sessions: create (answers at once; pulling and starting go on after the 201), list newest
// first, read one, delete (answers once the sidecar is gone). Bodies and parameters are checked
// against the contract's schemas, from which the handlers' types are derived too.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { routes, type Session } from '../../contract/index.js';
import { CreateSessionRequest, SessionParams } from '../../contract/schema/index.js';
import type { SessionManager } from '../../sessions/manager.js';
import { routePlugin } from '../plugin.js';
import { type AuditTrail, clientAddress } from '../audit/trail.js';

export interface SessionRoutesOptions {
  sessions: SessionManager;
  audit?: AuditTrail | null;
}

export const sessionRoutes = routePlugin((fastify: FastifyInstance, options: SessionRoutesOptions) => {
  const { sessions } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(routes.sessions, { schema: { body: CreateSessionRequest } }, async (request, reply) => {
    const session = await sessions.create(request.body);
    options.audit?.created(session, clientAddress(request));
    void reply.code(201).header('Location', routes.session(session.id));
    return session;
  });

  app.get(routes.sessions, (): Session[] => sessions.list());

  app.get(`${routes.sessions}/:id`, { schema: { params: SessionParams } }, (request) => sessions.get(request.params.id));

  app.delete(`${routes.sessions}/:id`, { schema: { params: SessionParams } }, async (request, reply) => {
    await sessions.delete(request.params.id);
    void reply.code(204);
  });
});
