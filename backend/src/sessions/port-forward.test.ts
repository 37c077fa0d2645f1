// The local side of a forward against a fake tunnel whose connections go to a TCP server in
// this process: half-close, refusal, backpressure and many connections at once, without an engine.

import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { ForwardTunnel, TunnelEnd } from '../runtimes/port.js';
import { listenLocal, PortForward } from './port-forward.js';

const servers: Server[] = [];
const forwards: PortForward[] = [];
afterEach(async () => {
  await Promise.all(forwards.splice(0).map((f) => f.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function remote(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    // a client dropped mid-answer resets this side: expected, not a failure
    socket.on('error', () => socket.destroy());
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

/** a tunnel to 127.0.0.1:port of this machine; a closed port is "refused" */
function fakeTunnel(port: number, counts = { open: 0, peak: 0 }): ForwardTunnel & { closed: boolean } {
  let settle: (end: TunnelEnd) => void = () => undefined;
  const tunnel = {
    closed: false,
    target: { id: 'target-id', name: 'target' },
    ended: new Promise<TunnelEnd>((r) => (settle = r)),
    async connect() {
      const stream = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
      // as nc does it: a refusal is a stream that ends at once, with word of why
      const refused = await new Promise<boolean>((resolve) => {
        stream.once('connect', () => resolve(false));
        stream.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
      });
      if (refused) {
        const ended = new Duplex({ read: () => ended.push(null), write: (_c, _e, cb) => cb() });
        return { stream: ended, refused: () => true };
      }
      counts.open++;
      counts.peak = Math.max(counts.peak, counts.open);
      stream.once('close', () => counts.open--);
      return { stream, refused: () => false };
    },
    async close() {
      tunnel.closed = true;
      settle('closed');
    },
  };
  return tunnel;
}

async function start(tunnel: ForwardTunnel, limits?: { setups: number; connections: number }): Promise<PortForward> {
  const forward = await PortForward.start({ address: '127.0.0.1', port: 0 }, async () => tunnel, limits);
  forwards.push(forward);
  return forward;
}

function exchange(port: number, request: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => socket.end(request));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

describe('PortForward', () => {
  it('half-closes: the client ends its request and still reads the whole answer', async () => {
    const port = await remote((s) => {
      const got: Buffer[] = [];
      s.on('data', (c: Buffer) => got.push(c));
      s.on('end', () => s.end(`you sent ${Buffer.concat(got).length} bytes`));
    });
    const forward = await start(fakeTunnel(port));
    expect((await exchange(forward.localPort, Buffer.alloc(100_000, 7))).toString()).toBe('you sent 100000 bytes');
    expect(forward.counters).toMatchObject({ bytesIn: 100_000, accepted: 1 });
  });

  it('passes on a remote side that closes first, after its last byte', async () => {
    const port = await remote((s) => s.end('bye'));
    const forward = await start(fakeTunnel(port));
    const socket = connect({ host: '127.0.0.1', port: forward.localPort });
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    await new Promise((r) => socket.once('end', r));
    expect(Buffer.concat(chunks).toString()).toBe('bye');
    socket.destroy();
  });

  it('resets a connection the remote side refuses, and keeps forwarding', async () => {
    const closed = await remote(() => undefined);
    await new Promise((r) => servers.pop()?.close(r));
    const forward = await start(fakeTunnel(closed));
    const received = await new Promise<number>((resolve) => {
      let bytes = 0;
      const socket = connect({ host: '127.0.0.1', port: forward.localPort });
      socket.on('data', (c: Buffer) => (bytes += c.length));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(bytes));
    });
    expect(received).toBe(0);
    expect(forward.counters.refused).toBe(1);
    // the forward still takes connections
    const again = connect({ host: '127.0.0.1', port: forward.localPort });
    again.on('error', () => undefined);
    await new Promise((r) => again.once('connect', r));
    again.destroy();
  });

  it('carries a large transfer unchanged', async () => {
    const data = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE(i, i);
    const port = await remote((s) => s.end(data));
    const forward = await start(fakeTunnel(port));
    const got = await exchange(forward.localPort, Buffer.alloc(0));
    expect(createHash('sha256').update(got).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect(forward.counters.bytesOut).toBe(data.length);
  });

  it('holds the remote side back while the client does not read (bounded memory)', async () => {
    let written = 0;
    let blocked = false;
    const port = await remote((s) => {
      const chunk = Buffer.alloc(64 * 1024);
      const pump = () => {
        while (written < 256 * 1024 * 1024) {
          written += chunk.length;
          if (!s.write(chunk)) {
            blocked = true;
            s.once('drain', pump);
            return;
          }
        }
        s.end();
      };
      pump();
    });
    const forward = await start(fakeTunnel(port));
    const client = connect({ host: '127.0.0.1', port: forward.localPort });
    client.pause();
    await new Promise((r) => setTimeout(r, 500));
    // kernel buffers on both hops and the streams' watermarks: megabytes, never the 256 MB offered
    expect(blocked).toBe(true);
    expect(written).toBeLessThan(32 * 1024 * 1024);
    client.destroy();
  });

  it('carries 1000 connections opened at once, none lost, with bounded setups', async () => {
    const port = await remote((s) => s.end('ok'));
    const counts = { open: 0, peak: 0 };
    const forward = await start(fakeTunnel(port, counts), { setups: 8, connections: 64 });
    const answers = await Promise.all(Array.from({ length: 1000 }, () => exchange(forward.localPort, Buffer.alloc(0))));
    expect(answers.filter((a) => a.toString() === 'ok')).toHaveLength(1000);
    expect(counts.peak).toBeLessThanOrEqual(64);
    expect(forward.counters.accepted).toBe(1000);
  });

  it('adopts a connection accepted elsewhere: what it already sent goes first, half-close included, and it is counted', async () => {
    // an echo that answers once the client has half-closed: the bytes as they came, in order
    const port = await remote((s) => {
      const chunks: Buffer[] = [];
      s.on('data', (c: Buffer) => chunks.push(c));
      s.on('end', () => s.end(Buffer.concat(chunks)));
    });
    const forward = await start(fakeTunnel(port));
    // a listener of the service's kind (no allowHalfOpen), which reads a head before handing over
    const other = createServer((socket) => {
      socket.once('data', (head: Buffer) => {
        socket.pause();
        socket.unshift(head);
        expect(forward.adopt(socket)).toBe(true);
      });
    });
    servers.push(other);
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const answer = await new Promise<string>((resolve, reject) => {
      let got = '';
      const socket = connect({ host: '127.0.0.1', port: (other.address() as { port: number }).port, allowHalfOpen: true }, () => {
        socket.write('GET / HTTP/1.1\r\nHost: f-x.localhost:1\r\n\r\n');
        setTimeout(() => socket.end('and the rest'), 50);
      });
      socket.on('data', (c: Buffer) => (got += c.toString()));
      socket.on('end', () => resolve(got));
      socket.on('error', reject);
    });
    expect(answer).toBe('GET / HTTP/1.1\r\nHost: f-x.localhost:1\r\n\r\nand the rest');
    expect(forward.counters.accepted).toBe(1);
    expect(forward.counters.bytesIn).toBe(answer.length);
    await forward.close();
    const late = new Duplex({ read: () => undefined, write: (_c, _e, cb) => cb() }) as unknown as Socket;
    expect(forward.adopt(late)).toBe(false);
  });

  it('closes its listener and its tunnel', async () => {
    const port = await remote((s) => s.end());
    const tunnel = fakeTunnel(port);
    const forward = await start(tunnel);
    await forward.close();
    await forward.close();
    expect(tunnel.closed).toBe(true);
    const refused = await new Promise<string | undefined>((resolve) =>
      connect({ host: '127.0.0.1', port: forward.localPort }).on('error', (e: NodeJS.ErrnoException) => resolve(e.code)),
    );
    expect(refused).toBe('ECONNREFUSED');
  });
});

describe('listenLocal', () => {
  it('names a local port in use, with port_in_use', async () => {
    const taken = await listenLocal({ address: '127.0.0.1', port: 0 });
    const port = (taken.address() as { port: number }).port;
    const failure = await listenLocal({ address: '127.0.0.1', port }).then(
      () => null,
      (err: unknown) => err as { code?: string; message?: string },
    );
    expect(failure?.code).toBe('port_in_use');
    expect(failure?.message).toContain(`127.0.0.1:${port}`);
    taken.close();
  });

  it('does not open the tunnel when the port is in use', async () => {
    const taken = await listenLocal({ address: '127.0.0.1', port: 0 });
    const port = (taken.address() as { port: number }).port;
    let opened = false;
    await expect(
      PortForward.start({ address: '127.0.0.1', port }, async () => {
        opened = true;
        return fakeTunnel(1);
      }),
    ).rejects.toMatchObject({ code: 'port_in_use' });
    expect(opened).toBe(false);
    taken.close();
  });
});
