// GET /api/connection, on the unix socket only: the TCP port and token with which the
// extension UI (which reaches the socket through Docker Desktop) opens WebSockets. Over TCP
// it does not exist.

import type { FastifyInstance } from 'fastify';
import { CdebugError, type Connection, routes } from '../../contract/index.js';
import type { Listeners } from '../listeners.js';
import { routePlugin } from '../plugin.js';

export interface ConnectionOptions {
  listeners: Listeners;
  token: string;
}

export const connectionRoutes = routePlugin((app: FastifyInstance, options: ConnectionOptions) => {
  const { listeners, token } = options;
  app.get(routes.connection, (request): Connection => {
    if (listeners.of(request.raw).kind !== 'unix') {
      throw new CdebugError('not_found', `No route GET ${routes.connection}: it is answered on the service's unix socket only.`);
    }
    const tcp = listeners.tcp;
    if (!tcp) throw new CdebugError('not_found', 'This service has no TCP listener for WebSockets: start it with --port.');
    // the extension's container: the host's port that reaches the listener
    return { port: tcp.published ?? tcp.port, token };
  });
});
