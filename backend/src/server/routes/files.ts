// GET /api/sessions/:id/files?path=ABS_PATH: a file of the session's target as it is, or a
// directory as a tar, read through the session's sidecar (runtimes/port.ts readFile), streamed
// as it is read. Nothing is written to the target.
// POST /api/sessions/:id/files/link {path} and GET /downloads/:ticket: the same answer through a
// one-time link (download-tickets.ts), for a page whose host carries no bytes (Docker Desktop's
// backend socket): the page hands the link to the user's browser, which has no token.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CdebugError, type FileLink, routes } from '../../contract/index.js';
import { DownloadParams, FileLinkRequest, FileQuery, SessionParams } from '../../contract/schema/index.js';
import type { SessionManager } from '../../sessions/manager.js';
import { targetPath } from '../../sidecar/target-file.js';
import type { DownloadTickets } from '../download-tickets.js';
import type { Listeners } from '../listeners.js';
import { routePlugin } from '../plugin.js';

export interface FileRoutesOptions {
  sessions: SessionManager;
  tickets: DownloadTickets;
  listeners: Listeners;
}

/** the path's last name (the root's: "root"), with nothing a header could trip on */
export function downloadName(path: string, directory: boolean): string {
  const last = path.slice(path.lastIndexOf('/') + 1) || 'root';
  const safe = last.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 128);
  return directory ? `${safe}.tar` : safe;
}

/** the path as the target reads it, or a coded error that says what to give */
function checkedPath(asked: string): string {
  const path = targetPath(asked);
  if (path === null)
    throw new CdebugError(
      'bad_request',
      `"${asked.slice(0, 200).replace(/\0/g, '\\0')}" is not a path to download: give an absolute path (starting with "/"), without NUL, "." or ".." parts.`,
    );
  return path;
}

async function sendTargetFile(reply: FastifyReply, sessions: SessionManager, sessionId: string, path: string): Promise<FastifyReply> {
  const file = await sessions.readFile(sessionId, path);
  const directory = file.kind === 'directory';
  void reply
    .type(directory ? 'application/x-tar' : 'application/octet-stream')
    .header('Content-Disposition', `attachment; filename="${downloadName(path, directory)}"`)
    .header('Cache-Control', 'no-store');
  return reply.send(file.stream);
}

export const fileRoutes = routePlugin((fastify: FastifyInstance, options: FileRoutesOptions) => {
  const { sessions, tickets, listeners } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(`${routes.sessions}/:id/files`, { schema: { params: SessionParams, querystring: FileQuery } }, (request, reply) =>
    sendTargetFile(reply, sessions, request.params.id, checkedPath(request.query.path)),
  );

  app.post(`${routes.sessions}/:id/files/link`, { schema: { params: SessionParams, body: FileLinkRequest } }, (request, reply): FileLink => {
    const path = checkedPath(request.body.path);
    // refused now rather than in the browser, where the page cannot show why
    if (sessions.get(request.params.id).state !== 'running')
      throw new CdebugError('session_ended', 'The session is not running: files are read through its sidecar, so open a session first.');
    const tcp = listeners.tcp;
    if (!tcp) throw new CdebugError('bad_request', 'This service has no TCP port for a browser to download through: start it with --port, or use `cdebug cp`.');
    const issued = tickets.issue({ sessionId: request.params.id, path });
    void reply.code(201);
    // the host's browser reaches the service on the published port (Desktop), else its own
    return { url: `http://127.0.0.1:${tcp.published ?? tcp.port}${routes.download(issued.ticket)}`, expiresAt: issued.expiresAt.toISOString() };
  });

  app.get('/downloads/:ticket', { schema: { params: DownloadParams } }, (request, reply) => {
    const grant = tickets.take(request.params.ticket);
    if (!grant)
      throw new CdebugError(
        'download_not_found',
        'This download link is unknown, used or expired (each works once, for a minute): download again from the page.',
      );
    return sendTargetFile(reply, sessions, grant.sessionId, grant.path);
  });
});
