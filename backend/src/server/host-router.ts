// On a listener that offers forwards by name (forward-host.ts), the first request head of each
// TCP connection is read before the HTTP server sees anything: one whose Host names a forward
// has the whole connection spliced into that forward (the head it sent included, so HTTP/1.1
// keep-alive and WebSocket upgrades reach the forwarded service as they were sent); an unknown
// forward gets a 404 and the connection closes; every other connection goes to the HTTP server
// with the bytes read so far put back first, as if nothing had read them.
//
// Bytes, not HTTP: nothing here parses more than the head's Host line, nothing proxies. Browsers
// keep a connection per host name and port, so a connection to the service itself is never
// reused for a forward's name (the guard answers 421 if one is).

import type { Socket } from 'node:net';
import type { TcpListener } from './listeners.js';
import { forwardOfHost, hostHeader, requestHeadEnd } from './forward-host.js';

/** Node's own limit for a request head: past it the HTTP server answers 431 itself */
export const HEAD_LIMIT = 16 * 1024;
/** a connection that has not sent its first request head by then is dropped, as an idle one */
export const HEAD_TIMEOUT_MS = 30_000;

export interface HostRouter {
  listener: TcpListener;
  /** hands the connection (paused, its head unread) to the forward `id`; false: no such forward */
  splice(id: string, socket: Socket): boolean;
  /** hands the connection (paused, its head unread) to the HTTP server */
  serve(socket: Socket): void;
  headLimit?: number;
  timeoutMs?: number;
}

const NOT_FOUND_BODY = JSON.stringify({
  error: { code: 'forward_not_found', message: 'No port-forward has this host name: it was stopped, or its target stopped. Start it again from cdebug.' },
});

/** a plain HTTP answer written by hand: the connection never reaches the HTTP server */
function answerNotFound(socket: Socket): void {
  socket.end(
    [
      'HTTP/1.1 404 Not Found',
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(NOT_FOUND_BODY)}`,
      'X-Content-Type-Options: nosniff',
      'Cache-Control: no-store',
      'Connection: close',
      '',
      NOT_FOUND_BODY,
    ].join('\r\n'),
  );
  // what else it sends is read and dropped, so that its close is seen
  socket.resume();
}

export function routeByHost(socket: Socket, router: HostRouter): void {
  const limit = router.headLimit ?? HEAD_LIMIT;
  const chunks: Buffer[] = [];
  let size = 0;

  const stop = () => {
    socket.off('data', onData);
    socket.off('end', onGone);
    socket.off('error', onGone);
    socket.off('timeout', onGone);
    socket.setTimeout(0);
    socket.pause();
  };
  function onGone() {
    stop();
    socket.destroy();
  }
  function onData(chunk: Buffer) {
    chunks.push(chunk);
    size += chunk.length;
    const data = chunks.length === 1 ? chunk : Buffer.concat(chunks);
    const end = requestHeadEnd(data);
    if (end < 0 && size < limit) return;
    stop();
    const id = end < 0 ? null : forwardOfHost(hostHeader(data.subarray(0, end)), router.listener);
    // whoever takes the connection reads it from the start
    socket.unshift(data);
    if (id === null) {
      router.serve(socket);
      // the HTTP server reads on from the bytes put back (a paused socket stays paused for it)
      socket.resume();
    } else if (!router.splice(id, socket)) {
      answerNotFound(socket);
    }
  }

  socket.on('data', onData);
  // a client that closes or fails before its first request: nothing to hand on
  socket.once('end', onGone);
  socket.once('error', onGone);
  socket.setTimeout(router.timeoutMs ?? HEAD_TIMEOUT_MS);
  socket.once('timeout', onGone);
}
