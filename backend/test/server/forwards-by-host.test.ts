// Forwards reached by host name through the service's own port, as in the Docker Desktop
// extension (a listener behind a loopback publish), against the real engine (Docker here,
// Podman in the integration-podman project): a `--network none` target serving HTTP on its
// loopback only, a forward, and requests sent to the service's port with
// `Host: f-<id>.localhost:<port>` (what a browser sends for the forward's URL; Node does not
// resolve *.localhost itself, so the tests dial 127.0.0.1 and name the host in the header).

import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Forward, forwardRoutes } from '../../src/contract/index.js';
import { docker, sidecarsOf } from '../helpers/docker.js';
import { HTTP_PORT, KEEPALIVE_PORT, startForwardTarget } from '../helpers/forward-target.js';
import { poll } from '../kit/engine.js';
import { type LiveService, startService, testOwner } from './live-service.js';

const owner = testOwner('forwards-by-host');
const targets: string[] = [];
let service: LiveService;
let target: { id: string; name: string };

beforeAll(async () => {
  target = await startForwardTarget(docker, `fwd-host-${process.pid}-${Date.now().toString(36)}`);
  targets.push(target.id);
  service = await startService(owner, { publishedOnLoopback: true });
}, 120_000);

afterEach(async () => {
  for (const f of (await service.api<Forward[]>('GET', forwardRoutes.forwards)).body) await service.api('DELETE', forwardRoutes.forward(f.id));
  const left = await poll(
    () => sidecarsOf(targets, [owner]),
    (l) => l.length === 0,
    'no forward helper left',
    5000,
  ).catch(() => sidecarsOf(targets, [owner]));
  expect(left, 'forward helpers left behind').toEqual([]);
});

afterAll(async () => {
  await service?.close();
  if (targets.length > 0) await docker('rm', '-f', ...targets).catch(() => undefined);
});

async function createForward(remotePort: number): Promise<Forward> {
  const res = await service.api<Forward>('POST', forwardRoutes.forwards, { target: target.name, remotePort });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

interface Answer {
  status: number;
  headers: string;
  body: string;
}

/** one connection to the service's port, on which HTTP/1.1 requests are sent one after another */
class RawConnection {
  private readonly socket: Socket;
  private buffered = '';
  private closed = false;
  private wake: () => void = () => undefined;

  constructor(port: number) {
    this.socket = connect({ host: '127.0.0.1', port });
    this.socket.on('data', (c: Buffer) => {
      this.buffered += c.toString('latin1');
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => undefined);
  }

  /** sends a GET naming `host`, and reads one answer (by its Content-Length) */
  async get(host: string, path = '/'): Promise<Answer> {
    this.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: cdebug-test\r\nAccept: */*\r\n\r\n`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end >= 0) {
        const headers = this.buffered.slice(0, end);
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(headers)?.[1] ?? NaN);
        const complete = Number.isNaN(length) ? this.closed : this.buffered.length >= end + 4 + length;
        if (complete) {
          const body = Number.isNaN(length) ? this.buffered.slice(end + 4) : this.buffered.slice(end + 4, end + 4 + length);
          this.buffered = this.buffered.slice(end + 4 + body.length);
          return { status: Number(headers.split(' ')[1]), headers, body };
        }
      }
      if (this.closed) throw new Error(`the connection closed before a whole answer came: ${JSON.stringify(this.buffered)}`);
      if (Date.now() > deadline) throw new Error(`no whole answer in 30 s: ${JSON.stringify(this.buffered)}`);
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, 1000);
      });
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('forwards by host name on the service port (the Docker Desktop extension)', () => {
  it('offers each forward at f-<id>.localhost with the service port, and answers there with the target itself', async () => {
    const forward = await createForward(HTTP_PORT);
    const host = `f-${forward.id}.localhost:${service.port}`;
    expect(forward.url).toBe(`http://${host}/`);
    expect((await service.api<Forward>('GET', forwardRoutes.forward(forward.id))).body.url).toBe(forward.url);

    const connection = new RawConnection(service.port);
    try {
      const answer = await connection.get(host);
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('forwarded-ok\n');
      // busybox httpd's own answer, not the service's (which sets these on everything it serves)
      expect(answer.headers).not.toMatch(/x-frame-options/i);
    } finally {
      connection.close();
    }
    const listed = await poll(
      async () => (await service.api<Forward[]>('GET', forwardRoutes.forwards)).body,
      (l) => (l[0]?.accepted ?? 0) === 1 && (l[0]?.bytesOut ?? 0) > 0,
      'the spliced connection in the counts',
      5000,
    );
    expect(listed[0]?.id).toBe(forward.id);
  });

  it('keeps the connection: two requests on it reach the target as they were sent, one connection counted', async () => {
    const forward = await createForward(KEEPALIVE_PORT);
    const host = `f-${forward.id}.localhost:${service.port}`;
    const connection = new RawConnection(service.port);
    try {
      const first = await connection.get(host, '/one');
      expect(first).toMatchObject({ status: 200, body: `answer 1 on this connection, for ${host}` });
      const second = await connection.get(host, '/two');
      expect(second).toMatchObject({ status: 200, body: `answer 2 on this connection, for ${host}` });
      expect(connection.isClosed).toBe(false);
    } finally {
      connection.close();
    }
    const [listed] = (await service.api<Forward[]>('GET', forwardRoutes.forwards)).body;
    expect(listed?.accepted).toBe(1);
  });

  it("stops at once with a browser's keep-alive connection still spliced into it: the connection is closed, the forward unlisted", async () => {
    const forward = await createForward(KEEPALIVE_PORT);
    const host = `f-${forward.id}.localhost:${service.port}`;
    const connection = new RawConnection(service.port);
    try {
      expect((await connection.get(host, '/one')).status).toBe(200);
      // the connection stays open, idle, as a browser keeps it after a page
      expect((await service.api('DELETE', forwardRoutes.forward(forward.id))).status).toBe(204);
      expect((await service.api<Forward[]>('GET', forwardRoutes.forwards)).body).toEqual([]);
      await poll(
        async () => connection.isClosed,
        (closed) => closed,
        'the spliced connection closed by the stop',
        5000,
      );
    } finally {
      connection.close();
    }
  });

  it('answers 404 forward_not_found for an unknown id and for a stopped forward, and closes', async () => {
    const forward = await createForward(HTTP_PORT);
    expect((await service.api('DELETE', forwardRoutes.forward(forward.id))).status).toBe(204);
    for (const id of ['0000000000000000', forward.id]) {
      const connection = new RawConnection(service.port);
      try {
        const answer = await connection.get(`f-${id}.localhost:${service.port}`);
        expect(answer.status, id).toBe(404);
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'forward_not_found' } });
        await poll(
          async () => connection.isClosed,
          (closed) => closed,
          'the connection closed after the 404',
          5000,
        );
      } finally {
        connection.close();
      }
    }
  });

  it("still serves itself on the same port: its own names go to its routes, with the token; a forward's name after them is 421", async () => {
    const forward = await createForward(HTTP_PORT);
    const connection = new RawConnection(service.port);
    try {
      // no token: the service's own route answers, and refuses
      expect((await connection.get(`127.0.0.1:${service.port}`, '/api/health')).status).toBe(401);
      // the same connection, now naming the forward: the service's, not the forward's
      const misdirected = await connection.get(`f-${forward.id}.localhost:${service.port}`);
      expect(misdirected.status).toBe(421);
      expect(JSON.parse(misdirected.body)).toMatchObject({ error: { code: 'misdirected_request' } });
    } finally {
      connection.close();
    }
    expect((await service.api('GET', '/api/health')).status).toBe(200);
  });
});
