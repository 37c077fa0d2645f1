// GET /api/sessions/:id/recording: the session's output so far (a live session's, or an ended
// one's while the service still lists it) as asciicast v2, to download or replay. Read in one
// synchronous step, so a recording being written is read as it stands at that moment.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { routes } from '../../contract/index.js';
import { SessionParams } from '../../contract/schema/index.js';
import type { SessionManager } from '../../sessions/manager.js';
import { ASCIICAST_MEDIA_TYPE } from '../../sessions/recording/asciicast.js';
import { routePlugin } from '../plugin.js';

export interface RecordingRoutesOptions {
  sessions: SessionManager;
}

/** a file name that says what it is, with nothing of the id a header could trip on */
function fileName(id: string): string {
  return `cdebug-${id.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64)}.cast`;
}

export const recordingRoutes = routePlugin((fastify: FastifyInstance, options: RecordingRoutesOptions) => {
  const { sessions } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(`${routes.sessions}/:id/recording`, { schema: { params: SessionParams } }, (request, reply) => {
    const text = sessions.recording(request.params.id);
    void reply.type(`${ASCIICAST_MEDIA_TYPE}; charset=utf-8`).header('Content-Disposition', `attachment; filename="${fileName(request.params.id)}"`);
    return text;
  });
});
