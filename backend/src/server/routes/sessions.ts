// Sessions: create (answers at once; pulling and starting go on after the 201), list newest
// first, read one, delete (answers once the sidecar is gone).

import type { FastifyInstance } from 'fastify';
import { type CreateSessionRequest, routes, type Session } from '../../contract/index.js';
import type { SessionManager } from '../../sessions/manager.js';
import { createSessionBody, type SessionParams, sessionParams } from './schemas.js';

export interface SessionRoutesOptions {
  sessions: SessionManager;
}

export async function sessionRoutes(app: FastifyInstance, options: SessionRoutesOptions): Promise<void> {
  const { sessions } = options;

  app.post<{ Body: CreateSessionRequest }>(routes.sessions, { schema: { body: createSessionBody } }, async (request, reply) => {
    const session = await sessions.create(request.body);
    void reply.code(201).header('Location', routes.session(session.id));
    return session;
  });

  app.get(routes.sessions, async (): Promise<Session[]> => sessions.list());

  app.get<{ Params: SessionParams }>(`${routes.sessions}/:id`, { schema: { params: sessionParams } }, async (request) =>
    sessions.get(request.params.id),
  );

  app.delete<{ Params: SessionParams }>(`${routes.sessions}/:id`, { schema: { params: sessionParams } }, async (request, reply) => {
    await sessions.delete(request.params.id);
    void reply.code(204);
  });
}
