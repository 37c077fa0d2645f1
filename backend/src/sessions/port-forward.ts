// A local TCP listener whose connections go through a forward tunnel (runtimes/port.ts) into a
// target's network namespace, each as a plain TCP connection would behave: half-close both
// ways, backpressure both ways (pipe: a client that stops reading pauses the engine stream, so
// memory stays bounded), a refused remote port resets the client at once (the forward stays),
// and many connections opened at once wait their turn (Limiter) rather than being dropped.
// Used by `cdebug port-forward` and the service's forwards alike.

import { createServer, type Server, type Socket } from 'node:net';
import { CdebugError } from '../contract/index.js';
import type { ForwardTunnel, TunnelConnection } from '../runtimes/port.js';
import { Limiter } from './limiter.js';

export interface ForwardCounters {
  /** bytes from local clients into the container */
  bytesIn: number;
  /** bytes from the container to local clients */
  bytesOut: number;
  /** connections open now (those waiting for their turn included) */
  connections: number;
  /** connections accepted since the start */
  accepted: number;
  /** connections the remote side refused */
  refused: number;
}

export interface ForwardLimits {
  /** connections being set up at once (an engine round trip each) */
  setups: number;
  /** connections carried at once; more wait, accepted but unread */
  connections: number;
}

/** where a forward reaches when no host is given: the target's own loopback */
export const DEFAULT_REMOTE_HOST = '127.0.0.1';

export const DEFAULT_FORWARD_LIMITS: ForwardLimits = { setups: 16, connections: 512 };

export interface LocalAddress {
  address: string;
  /** 0: a free port */
  port: number;
}

/** listens, or fails with a coded error that names the address */
export function listenLocal(local: LocalAddress): Promise<Server> {
  return new Promise((resolve, reject) => {
    // half-open: a client that has sent all its request still gets the whole answer
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
    const onError = (err: NodeJS.ErrnoException) => {
      server.close();
      const where = `${local.address.includes(':') ? `[${local.address}]` : local.address}:${local.port}`;
      if (err.code === 'EADDRINUSE')
        reject(new CdebugError('port_in_use', `The local port ${where} is in use: pick another local port, or stop what listens there.`, { cause: err }));
      else if (err.code === 'EACCES')
        reject(new CdebugError('port_in_use', `Listening on ${where} is not allowed here: pick a local port above 1023.`, { cause: err }));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
        reject(new CdebugError('bad_request', `${local.address} is not an address of this machine: listen on 127.0.0.1 or one of its own.`, { cause: err }));
      else reject(new CdebugError('internal', `Cannot listen on ${where}: ${err.message}`, { cause: err }));
    };
    server.once('error', onError);
    server.listen({ host: local.address, port: local.port, exclusive: true }, () => {
      server.off('error', onError);
      resolve(server);
    });
  });
}

export class PortForward {
  readonly counters: ForwardCounters = { bytesIn: 0, bytesOut: 0, connections: 0, accepted: 0, refused: 0 };
  readonly localAddress: string;
  readonly localPort: number;
  private readonly sockets = new Set<Socket>();
  private readonly carried: Limiter;
  private readonly setups: Limiter;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly server: Server,
    readonly tunnel: ForwardTunnel,
    limits: ForwardLimits,
  ) {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new CdebugError('internal', 'The local listener has no TCP address.');
    this.localAddress = address.address;
    this.localPort = address.port;
    this.carried = new Limiter(limits.connections);
    this.setups = new Limiter(limits.setups);
    server.on('connection', (socket) => void this.carry(socket));
    // the listener fails only when closed under it: the forward ends with it
    server.on('error', () => void this.close());
  }

  /** listens first (a port in use fails before anything is started on the engine), then opens the tunnel */
  static async start(local: LocalAddress, openTunnel: () => Promise<ForwardTunnel>, limits = DEFAULT_FORWARD_LIMITS): Promise<PortForward> {
    const server = await listenLocal(local);
    try {
      return new PortForward(server, await openTunnel(), limits);
    } catch (err) {
      await new Promise((resolve) => server.close(resolve));
      throw err;
    }
  }

  /**
   * Carries a connection accepted elsewhere (the service's own port, by host name) as one of
   * this forward's: paused, with whatever it already sent put back to be read first. False once
   * the forward is closing.
   */
  adopt(socket: Socket): boolean {
    if (this.closing) return false;
    // as the forward's own listener does: a client that has sent all its request still gets the whole answer
    socket.allowHalfOpen = true;
    void this.carry(socket);
    return true;
  }

  private async carry(socket: Socket): Promise<void> {
    this.counters.accepted++;
    this.counters.connections++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    // a client that gives up while waiting for its turn: nothing more to do for it
    let clientGone = false;
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      clientGone = true;
      this.sockets.delete(socket);
      this.counters.connections--;
    });
    const release = await this.carried.acquire();
    let connection: TunnelConnection;
    try {
      if (clientGone || this.closing) throw new Error('gone');
      connection = await this.setups.run(() => this.tunnel.connect());
    } catch {
      release();
      socket.destroy();
      return;
    }
    if (clientGone || this.closing) {
      release();
      connection.stream.destroy();
      return;
    }
    this.pipe(socket, connection, release);
  }

  private pipe(socket: Socket, connection: TunnelConnection, release: () => void): void {
    const { stream } = connection;
    socket.on('data', (chunk: Buffer) => (this.counters.bytesIn += chunk.length));
    stream.on('data', (chunk: Buffer) => (this.counters.bytesOut += chunk.length));
    // the remote side closed: a refusal resets the client at once, as the port itself would;
    // otherwise the client gets its end of stream after the last byte (pipe ends it)
    stream.once('end', () => {
      if (connection.refused()) {
        this.counters.refused++;
        socket.resetAndDestroy();
      }
    });
    stream.on('error', () => {
      // after the end was passed on, the client closes in its own time
      if (!socket.writableEnded) socket.destroy();
    });
    socket.once('close', () => {
      stream.destroy();
      release();
    });
    socket.pipe(stream);
    stream.pipe(socket);
    socket.resume();
  }

  /** stops listening, drops every connection and removes the tunnel's helper; safe to call twice */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await new Promise<void>((resolve) => {
        this.server.close(() => resolve());
        for (const socket of this.sockets) socket.destroy();
      });
      await this.tunnel.close();
    })();
    return this.closing;
  }
}
