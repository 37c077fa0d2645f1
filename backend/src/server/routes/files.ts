// GET /api/sessions/:id/files?path=ABS_PATH: a file of the session's target as it is, or a
// directory as a tar, read through the session's sidecar (runtimes/port.ts readFile), streamed
// as it is read. Nothing is written to the target.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { CdebugError, routes } from '../../contract/index.js';
import { FileQuery, SessionParams } from '../../contract/schema/index.js';
import type { SessionManager } from '../../sessions/manager.js';
import { targetPath } from '../../sidecar/target-file.js';
import { routePlugin } from '../plugin.js';

export interface FileRoutesOptions {
  sessions: SessionManager;
}

/** the path's last name (the root's: "root"), with nothing a header could trip on */
export function downloadName(path: string, directory: boolean): string {
  const last = path.slice(path.lastIndexOf('/') + 1) || 'root';
  const safe = last.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 128);
  return directory ? `${safe}.tar` : safe;
}

export const fileRoutes = routePlugin((fastify: FastifyInstance, options: FileRoutesOptions) => {
  const { sessions } = options;
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(`${routes.sessions}/:id/files`, { schema: { params: SessionParams, querystring: FileQuery } }, async (request, reply) => {
    const path = targetPath(request.query.path);
    if (path === null)
      throw new CdebugError(
        'bad_request',
        `"${request.query.path.slice(0, 200).replace(/\0/g, '\\0')}" is not a path to download: give an absolute path (starting with "/"), without NUL, "." or ".." parts.`,
      );
    const file = await sessions.readFile(request.params.id, path);
    const directory = file.kind === 'directory';
    void reply
      .type(directory ? 'application/x-tar' : 'application/octet-stream')
      .header('Content-Disposition', `attachment; filename="${downloadName(path, directory)}"`)
      .header('Cache-Control', 'no-store');
    return reply.send(file.stream);
  });
});
