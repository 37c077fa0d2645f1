// A TCP proxy on loopback that can freeze: it stops passing bytes either way while keeping both
// connections open (no FIN, no RST), as a network that silently vanished between a browser and
// the service would. The service's side sees a peer that neither reads nor answers.

import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FrozenProxy {
  port: number;
  /** stop passing bytes on every connection so far; they stay open */
  freeze(): void;
  close(): Promise<void>;
}

export function startFrozenProxy(targetPort: number): Promise<FrozenProxy> {
  const sockets = new Set<Socket>();
  const pairs: Array<[Socket, Socket]> = [];
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.once('close', () => sockets.delete(s));
    }
    client.pipe(upstream);
    upstream.pipe(client);
    pairs.push([client, upstream]);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        freeze() {
          for (const [client, upstream] of pairs) {
            client.unpipe(upstream);
            upstream.unpipe(client);
            // read nothing more: the kernel buffers fill and the peers' writes stall
            client.pause();
            upstream.pause();
          }
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
