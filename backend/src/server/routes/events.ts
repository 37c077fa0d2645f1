// GET /api/events: the live state over a WebSocket (Docker Desktop's vm.service cannot stream,
// so the UI opens it as it opens the attach socket, with the same token, Origin and Host rules:
// guard.ts checks every upgrade). First a snapshot of engines, containers and sessions, then
// the catalog's and the session registry's deltas as they happen. Nothing is polled: a client
// that is connected and idle costs the engine nothing.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { CdebugError, type LiveEvent, routes } from '../../contract/index.js';
import type { SessionChange, SessionManager } from '../../sessions/manager.js';
import { heartbeat } from '../heartbeat.js';
import type { LiveCatalog } from '../live/catalog.js';
import { routePlugin } from '../plugin.js';
import { checkHandshake, isUpgrade } from '../ws-bridge.js';

/** a client this far behind is dropped: it reconnects and takes a fresh snapshot */
export const MAX_EVENT_BACKLOG = 8 * 1024 * 1024;
/** the close code that tells a client to reconnect (and read a new snapshot) */
export const CLOSE_TRY_AGAIN = 1013;

export interface EventRoutesOptions {
  catalog: LiveCatalog;
  sessions: SessionManager;
  heartbeatMs?: number;
}

export function sessionFrame(change: SessionChange): LiveEvent {
  return change.kind === 'changed' ? { type: 'session_changed', session: change.session } : { type: 'session_removed', id: change.id };
}

export const eventRoutes = routePlugin((app: FastifyInstance, options: EventRoutesOptions) => {
  const { catalog, sessions } = options;
  const pings = heartbeat(options.heartbeatMs);
  app.addHook('onClose', (_instance, done) => {
    pings.stop();
    done();
  });

  app.route({
    method: 'GET',
    url: routes.events,
    preValidation: (request: FastifyRequest, _reply, done) => {
      if (isUpgrade(request)) checkHandshake(request);
      done();
    },
    handler: () => {
      throw new CdebugError('bad_request', 'This route is a WebSocket: open it with "Upgrade: websocket" (see the API contract).');
    },
    wsHandler: (socket: WebSocket) => {
      let closed = false;
      const stops: (() => void)[] = [];
      socket.on('close', () => {
        closed = true;
        for (const stop of stops.splice(0)) stop();
      });
      pings.watch(socket);
      const send = (frame: LiveEvent) => {
        if (socket.readyState !== socket.OPEN) return;
        if (socket.bufferedAmount > MAX_EVENT_BACKLOG) {
          socket.close(CLOSE_TRY_AGAIN, 'too far behind: reconnect');
          return;
        }
        socket.send(JSON.stringify(frame));
      };
      void catalog.ready().then(() => {
        if (closed) return;
        // synchronous from here: no delta can slip between the snapshot and the subscriptions
        send({ type: 'snapshot', engines: catalog.engines(), containers: catalog.containers(), sessions: sessions.list() });
        stops.push(catalog.subscribe(send));
        stops.push(sessions.onChange((change) => send(sessionFrame(change))));
      });
    },
  });
});
