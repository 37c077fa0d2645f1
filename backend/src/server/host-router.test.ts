// The router on real loopback sockets, with Node's own HTTP server behind it: connections for
// the service reach it unchanged (bodies in pieces, pipelined requests), connections that name a
// forward are handed over with every byte they sent, unknown forwards get a 404.

import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TcpListener } from './listeners.js';
import { routeByHost } from './host-router.js';

const ID = '0123456789abcdef';
let servers: Array<Server | HttpServer> = [];

afterEach(async () => {
  for (const s of servers) {
    if ('closeAllConnections' in s) s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  servers = [];
});

interface Routed {
  port: number;
  spliced: string[];
}

/** a listener routing by host: the service is an HTTP server echoing method, URL and body; forward ID echoes raw bytes */
async function start(options: { timeoutMs?: number; headLimit?: number } = {}): Promise<Routed> {
  const http = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.end(`${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`));
  });
  const routed: Routed = { port: 0, spliced: [] };
  const listener: TcpListener = { kind: 'tcp', host: '127.0.0.1', port: 0, remote: false, forwardsByHost: true };
  const net = createServer((socket) =>
    routeByHost(socket, {
      listener,
      ...options,
      serve: (s) => http.emit('connection', s),
      splice: (id, s) => {
        if (id !== ID) return false;
        routed.spliced.push(id);
        s.pipe(s);
        return true;
      },
    }),
  );
  servers.push(net, http);
  await new Promise<void>((resolve) => net.listen(0, '127.0.0.1', resolve));
  listener.port = (net.address() as { port: number }).port;
  routed.port = listener.port;
  return routed;
}

/** writes each piece with a pause between them, and gives back all the other side sent until it closed or `until` matched */
function exchange(port: number, pieces: string[], until?: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const socket: Socket = connect({ host: '127.0.0.1', port }, () => {
      void (async () => {
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((r) => setTimeout(r, 30));
        }
      })();
    });
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
      if (until?.test(got)) {
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
  });
}

describe('routeByHost', () => {
  it("hands the service's own connections to the HTTP server unchanged: a body in pieces, then a pipelined request", async () => {
    const { port, spliced } = await start();
    const host = `Host: 127.0.0.1:${port}`;
    const got = await exchange(
      port,
      [`POST /a HTTP/1.1\r\n${host}\r\nContent-Length: 11\r\n\r\nhel`, 'lo ', `world`, `GET /b HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`],
      /GET \/b $/,
    );
    expect(got).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(got).toContain('POST /a hello world');
    expect(got).toMatch(/GET \/b $/);
    expect(spliced).toEqual([]);
  });

  it('splices a connection that names a forward, every byte it sent included, even a head that came in pieces', async () => {
    const { port, spliced } = await start();
    const pieces = ['GET /page HTTP/1.1\r\nAcc', `ept: */*\r\nHost: f-${ID}.localhost:${port}\r\n`, '\r\nafter the head'];
    const got = await exchange(port, pieces, /after the head$/);
    expect(got).toBe(pieces.join(''));
    expect(spliced).toEqual([ID]);
  });

  it('answers 404 forward_not_found for a forward that does not exist, and closes', async () => {
    const { port, spliced } = await start();
    const got = await exchange(port, [`GET / HTTP/1.1\r\nHost: f-ffffffffffffffff.localhost:${port}\r\n\r\n`]);
    expect(got).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(JSON.parse(got.slice(got.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'forward_not_found' } });
    expect(spliced).toEqual([]);
  });

  it('leaves a forward-like name with another port to the HTTP server (which the guard refuses in the service)', async () => {
    const { port, spliced } = await start();
    const got = await exchange(port, [`GET /x HTTP/1.1\r\nHost: f-${ID}.localhost:1\r\nConnection: close\r\n\r\n`]);
    expect(got).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(got).toMatch(/GET \/x $/);
    expect(spliced).toEqual([]);
  });

  it('gives a head past the limit to the HTTP server, which refuses it (431)', async () => {
    const { port } = await start({ headLimit: 64 });
    const got = await exchange(port, [`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Long: ${'a'.repeat(20_000)}`]);
    expect(got).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('drops a connection that sends no request head in time', async () => {
    const { port } = await start({ timeoutMs: 200 });
    const began = Date.now();
    const got = await exchange(port, ['GET / HTTP/1.1\r\n']);
    expect(got).toBe('');
    expect(Date.now() - began).toBeLessThan(5000);
  });
});
