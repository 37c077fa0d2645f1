// Starts the service's listeners: a unix socket (trusted; a stale socket file is replaced)
// and/or TCP (127.0.0.1 by default; another address only when allowed, and then always with
// the token). Each listener is a plain net.Server that hands its connections to the app's HTTP
// server, marked with the listener they came from, so that the guard can tell them apart.

import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CdebugError } from '../contract/index.js';
import { routeByHost } from './host-router.js';
import { listenFailure } from './listen-failure.js';
import type { ListenerInfo } from './listeners.js';
import { isLoopbackHost } from './loopback.js';

export interface ListenOptions {
  socketPath?: string | null;
  tcp?: {
    host: string;
    port: number;
    allowRemote?: boolean;
    /**
     * bound to every interface of a container only so that the engine's port publishing on
     * the host's 127.0.0.1 reaches it (the Docker Desktop extension): clients name it by a
     * loopback name, so the Host check stays loopback-only, and no --allow-remote is needed
     */
    publishedOnLoopback?: boolean;
    /** the host's loopback port the engine publishes this listener on, when known and different */
    publishedPort?: number | null;
  } | null;
}

export interface Listening {
  listeners: ListenerInfo[];
  /** the TCP port actually bound (useful with port 0), or null */
  port: number | null;
  /** stops accepting, closes the app (clients get 1001, sessions end), drops what is left */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1000;

export function checkTcpHost(host: string, allowRemote: boolean): void {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isLoopbackHost(bare) || isLoopbackHost(host)) return;
  if (!allowRemote) {
    throw new CdebugError(
      'bad_request',
      `--host ${host} is not a loopback address: the service is a root shell on this machine. Add --allow-remote if you really mean it.`,
    );
  }
}

/** true when something answers on the socket path */
function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

async function clearStaleSocket(path: string): Promise<void> {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw new CdebugError('bad_request', `${path} exists and is not a socket: choose another --socket path.`);
  if (await socketAnswers(path)) throw new CdebugError('bad_request', `Another service already listens on ${path}.`);
  unlinkSync(path);
}

function bind(server: Server, target: { path: string } | { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(listenFailure('path' in target ? { path: target.path, folderExists: existsSync(dirname(target.path)) } : target, err));
    };
    server.once('error', onError);
    server.listen('path' in target ? { path: target.path } : { host: target.host, port: target.port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export async function listen(app: FastifyInstance, options: ListenOptions): Promise<Listening> {
  if (!options.socketPath && !options.tcp) throw new CdebugError('bad_request', 'Nothing to listen on: give --socket PATH and/or --port N.');
  if (options.tcp) checkTcpHost(options.tcp.host, options.tcp.allowRemote === true || options.tcp.publishedOnLoopback === true);
  await app.ready();

  const { listeners } = app.cdebug;
  const sockets = new Set<Socket>();
  const servers: Array<{ server: Server; info: ListenerInfo }> = [];
  const serve = (socket: Socket) => app.server.emit('connection', socket);
  const accept = (info: ListenerInfo) => (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    listeners.mark(socket, info);
    // behind a loopback publish a connection may be for a forward, by its first Host
    if (info.kind === 'tcp' && info.forwardsByHost) routeByHost(socket, { listener: info, serve, splice: (id, s) => app.cdebug.forwards.splice(id, s) });
    else serve(socket);
  };

  try {
    if (options.socketPath) {
      const path = options.socketPath;
      await clearStaleSocket(path);
      const info: ListenerInfo = { kind: 'unix', path };
      const server = createServer(accept(info));
      servers.push({ server, info });
      await bind(server, { path });
      // no token on this socket: only its owner may connect
      chmodSync(path, 0o600);
      listeners.add(info);
    }
    if (options.tcp) {
      const { host, allowRemote, publishedOnLoopback } = options.tcp;
      // remote: any Host name is accepted (loopback.ts); never behind a loopback publish
      const remote = allowRemote === true && publishedOnLoopback !== true && !isLoopbackHost(host);
      const published = publishedOnLoopback === true ? (options.tcp.publishedPort ?? undefined) : undefined;
      // the user's browser is on the host, not in this container: forwards are offered through this port
      const forwardsByHost = publishedOnLoopback === true;
      const info: ListenerInfo = { kind: 'tcp', host, port: options.tcp.port, remote, published, forwardsByHost };
      const server = createServer(accept(info));
      servers.push({ server, info });
      await bind(server, { host, port: options.tcp.port });
      const address = server.address();
      if (address && typeof address === 'object') info.port = address.port;
      listeners.add(info);
    }
  } catch (err) {
    for (const { server } of servers) server.close();
    await app.close();
    throw err;
  }

  let closing: Promise<void> | null = null;
  const tcp = servers.find((s) => s.info.kind === 'tcp')?.info;
  return {
    listeners: servers.map((s) => s.info),
    port: tcp && tcp.kind === 'tcp' ? tcp.port : null,
    close() {
      closing ??= (async () => {
        // stop accepting; a net.Server's close completes once its connections are gone
        const stopped = Promise.all(servers.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))));
        await app.close();
        for (const { info } of servers) {
          listeners.remove(info);
          if (info.kind === 'unix') {
            try {
              unlinkSync(info.path);
            } catch {
              // already gone
            }
          }
        }
        // idle keep-alive connections and clients that did not answer the close frame
        for (const socket of sockets) socket.end();
        const deadline = Date.now() + CLOSE_GRACE_MS;
        while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        for (const socket of sockets) socket.destroy();
        await stopped;
      })();
      return closing;
    },
  };
}

/** the URL to open: the token rides in the fragment, which browsers never send */
export function serviceUrl(host: string, port: number, token: string): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${shown}:${port}/#token=${encodeURIComponent(token)}`;
}
