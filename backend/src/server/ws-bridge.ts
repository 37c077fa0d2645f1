// GET /api/sessions/:id/attach: the terminal over a WebSocket. Binary frames are raw terminal
// bytes both ways (never decoded here); text frames are JSON control messages, parsed by the
// contract's frame codec; a bad one gets an `error` frame and the socket stays open. The session
// sends the snapshot first, then live bytes in order; `exit` then close 1000 at the end. A
// client that stops answering pings is dropped (heartbeat.ts); its session lives on.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { CdebugError, encodeServerFrame, routes, type ServerFrame, type SessionParams } from '../contract/index.js';
import { parseClientFrame, SessionParams as sessionParams } from '../contract/schema/index.js';
import type { Attachment, SessionClient } from '../sessions/attachment.js';
import type { SessionManager } from '../sessions/manager.js';
import { heartbeat } from './heartbeat.js';
import { routePlugin } from './plugin.js';
import { type AuditTrail, clientAddress } from './audit/trail.js';

/** bytes queued to a client past which error frames for its bad text frames are dropped */
export const MAX_ERROR_BACKLOG = 256 * 1024;

export interface BridgeOptions {
  sessions: SessionManager;
  /** how often clients are pinged (default HEARTBEAT_MS); 0 never */
  heartbeatMs?: number;
  audit?: AuditTrail | null;
}

/** the session's side of one WebSocket */
export function socketClient(socket: WebSocket): SessionClient {
  return {
    sendBytes(data, written) {
      if (socket.readyState !== socket.OPEN) return written();
      socket.send(data, { binary: true }, () => written());
    },
    sendFrame(frame: ServerFrame) {
      if (socket.readyState === socket.OPEN) socket.send(encodeServerFrame(frame));
    },
    close(code, reason) {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
    },
  };
}

/**
 * One message from the client: binary is terminal input, text a control frame; a bad one gets
 * an `error` frame, unless the client lets answers pile up. A 7-byte bad frame earns a 100-byte
 * answer, so a client that sends garbage and reads nothing would grow our memory without bound:
 * past MAX_ERROR_BACKLOG queued bytes the answers are dropped.
 */
export function clientMessage(
  socket: Pick<WebSocket, 'send' | 'bufferedAmount'>,
  attachment: Pick<Attachment, 'input' | 'control'>,
  data: RawData,
  isBinary: boolean,
): void {
  if (isBinary) {
    attachment.input(toBytes(data));
    return;
  }
  const frame = parseClientFrame(toBytes(data).toString('utf8'));
  if (frame.ok) attachment.control(frame.value);
  else if (socket.bufferedAmount < MAX_ERROR_BACKLOG) {
    socket.send(encodeServerFrame({ type: 'error', code: frame.error.code, message: frame.error.message }));
  }
}

export function isUpgrade(request: FastifyRequest): boolean {
  return (request.headers.upgrade ?? '').toString().toLowerCase() === 'websocket';
}

/** what `ws` would refuse with a bare text 400 during the handshake, refused here first */
export function checkHandshake(request: FastifyRequest): void {
  const key = request.headers['sec-websocket-key'];
  // a string on the wire; inject() in tests hands the number through
  const version = String(request.headers['sec-websocket-version']);
  if (typeof key !== 'string' || !/^[+/0-9A-Za-z]{22}==$/.test(key) || (version !== '13' && version !== '8')) {
    throw new CdebugError('bad_request', 'A WebSocket upgrade needs a valid Sec-WebSocket-Key and Sec-WebSocket-Version 13.');
  }
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export const wsBridge = routePlugin((app: FastifyInstance, options: BridgeOptions) => {
  const { sessions } = options;
  const pings = heartbeat(options.heartbeatMs);
  app.addHook('onClose', (_instance, done) => {
    pings.stop();
    done();
  });

  app.route<{ Params: SessionParams }>({
    method: 'GET',
    url: `${routes.sessions}/:id/attach`,
    schema: { params: sessionParams },
    // refused with a real HTTP status, in the contract's shape, before the upgrade
    // (a throw here reaches Fastify's hook runner, which answers with it, as it would a rejection)
    preValidation: (request: FastifyRequest<{ Params: SessionParams }>, _reply, done) => {
      sessions.get(request.params.id);
      if (isUpgrade(request)) checkHandshake(request);
      done();
    },
    // the same URL without an upgrade: the contract's error, not the plugin's bare 404
    handler: () => {
      throw new CdebugError('bad_request', 'This route is a WebSocket: open it with "Upgrade: websocket" (see the API contract).');
    },
    wsHandler: (socket: WebSocket, request: FastifyRequest<{ Params: SessionParams }>) => {
      // everything here is synchronous: the listeners are in place before any message can
      // arrive, and the snapshot is queued before any live byte
      let attachment: ReturnType<SessionManager['attach']>;
      try {
        attachment = sessions.attach(request.params.id, socketClient(socket));
      } catch (err) {
        // deleted between the check and the upgrade
        const message = err instanceof Error ? err.message : 'No session has that id.';
        socket.send(encodeServerFrame({ type: 'error', code: 'session_not_found', message }));
        socket.close(1000, 'no such session');
        return;
      }
      socket.on('message', (data: RawData, isBinary: boolean) => clientMessage(socket, attachment, data, isBinary));
      const audit = options.audit;
      // the session as it was at the attach: it may be gone (deleted) by the detach
      const described = audit ? sessions.get(request.params.id) : null;
      if (audit && described) audit.attached(described, clientAddress(request));
      socket.on('close', () => {
        attachment.detach();
        if (audit && described) audit.detached(sessions.has(described.id) ? sessions.get(described.id) : described, clientAddress(request));
      });
      pings.watch(socket);
    },
  });
});
