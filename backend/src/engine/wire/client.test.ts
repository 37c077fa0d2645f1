// The wire client against a small scripted server on a unix socket: what each kind of answer
// (length, chunked, to the end, upgrade, failure) comes back as, and that every connection is
// closed once its answer is read.

import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EngineAnswerError, WireClient } from './client.js';

const dir = mkdtempSync(join(tmpdir(), 'cdebug-wire-'));
const path = join(dir, 'engine.sock');
let server: Server;
/** how the server answers the next connection: gets the request's text as it arrives */
let answer: (socket: Socket, request: string) => void = () => undefined;
const open = new Set<Socket>();
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let text = '';
    let answered = false;
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (answered || end === -1) return;
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0);
      if (text.length < end + 4 + length) return;
      answered = true;
      requests.push(text);
      answer(socket, text);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
});
afterEach(() => {
  requests.length = 0;
});
afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const client = new WireClient(() => connect({ path }), 'docker');
const allClosed = async () => {
  for (let i = 0; i < 50 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return open.size;
};

describe('WireClient.call / json', () => {
  it('sends the body and reads a Content-Length answer, then closes the connection', async () => {
    answer = (socket) => socket.write('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{"Id":"ab1"}');
    const created = await client.json<{ Id: string }>('POST', '/containers/create?name=x', { Image: 'busybox' });
    expect(created).toEqual({ Id: 'ab1' });
    expect(requests[0]).toMatch(/^POST \/containers\/create\?name=x HTTP\/1\.1\r\n/);
    expect(requests[0]!.endsWith('{"Image":"busybox"}')).toBe(true);
    expect(await allClosed()).toBe(0);
  });

  it('reads a chunked answer that arrives in pieces', async () => {
    answer = (socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"a":');
      setTimeout(() => socket.write('\r\n2\r\n1}\r\n0\r'), 5);
      setTimeout(() => socket.write('\n\r\n'), 10);
    };
    expect(await client.json('GET', '/containers/x/json')).toEqual({ a: 1 });
    expect(await allClosed()).toBe(0);
  });

  it("turns a failure status into dockerode's error shape, with the engine's message", async () => {
    answer = (socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 38\r\n\r\n{"message":"No such container: nope"}\n');
    const err = await client.call('GET', '/containers/nope/json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineAnswerError);
    expect(err).toMatchObject({ statusCode: 404, json: { message: 'No such container: nope' }, message: 'No such container: nope' });
  });

  it("reads an answer without a length to the end of the connection (a TLS engine's answer to plain http)", async () => {
    answer = (socket) => socket.end('HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n');
    const err = await client.call('GET', '/_ping').catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 400, message: 'Client sent an HTTP request to an HTTPS server.' });
  });

  it('takes 204 and 304 without a body as success', async () => {
    answer = (socket) => socket.write('HTTP/1.1 304 Not Modified\r\n\r\n');
    expect((await client.call('POST', '/containers/x/start')).status).toBe(304);
    answer = (socket) => socket.write('HTTP/1.1 204 No Content\r\n\r\n');
    expect((await client.call('POST', '/containers/x/start')).status).toBe(204);
    expect(await allClosed()).toBe(0);
  });

  it("keeps a socket's own failure as it came (its code says what went wrong)", async () => {
    const nowhere = new WireClient(() => connect({ path: join(dir, 'missing.sock') }), 'docker');
    await expect(nowhere.call('GET', '/_ping')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a connection closed before any answer, and garbage instead of one, with codes', async () => {
    answer = (socket) => socket.destroy();
    await expect(client.call('GET', '/_ping')).rejects.toMatchObject({ code: 'ECONNRESET' });
    answer = (socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n');
    await expect(client.call('GET', '/_ping')).rejects.toMatchObject({ code: 'EPROTO', message: expect.stringMatching(/not an HTTP answer/) });
  });

  it('reports an answer cut short of its length', async () => {
    answer = (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"a":');
    await expect(client.call('GET', '/x')).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

describe('WireClient.stream', () => {
  it('resolves once the head is there, and the body ends with its last chunk', async () => {
    let later: (() => void) | undefined;
    answer = (socket) => {
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
      const status = '{"Error":null,"StatusCode":0}\n';
      later = () => socket.write(`${status.length.toString(16)}\r\n${status}\r\n0\r\n\r\n`);
    };
    const body = await client.stream('POST', '/containers/x/wait?condition=removed');
    const chunks: Buffer[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      body.on('end', resolve);
      body.on('error', reject);
    });
    body.on('data', (c: Buffer) => chunks.push(c));
    later?.();
    await ended;
    expect(JSON.parse(Buffer.concat(chunks).toString())).toEqual({ Error: null, StatusCode: 0 });
    expect(await allClosed()).toBe(0);
  });

  it('closes the connection when the reader destroys the body (a wait no longer wanted)', async () => {
    answer = (socket) => socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
    const body = await client.stream('POST', '/containers/x/wait?condition=next-exit');
    expect(open.size).toBe(1);
    body.destroy();
    expect(await allClosed()).toBe(0);
  });

  it('rejects a failure status with the message', async () => {
    answer = (socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 27\r\n\r\n{"message":"no such thing"}');
    await expect(client.stream('POST', '/containers/x/wait')).rejects.toMatchObject({ statusCode: 404, message: 'no such thing' });
  });
});

describe('WireClient.upgrade', () => {
  it('hands over the connection after a 101, with the bytes that came with the head first', async () => {
    answer = (socket) => {
      socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nfirst');
      socket.on('data', (d) => socket.write(`echo:${d.toString()}`));
    };
    const stream = await client.upgrade('/containers/x/attach?stream=1');
    expect(stream.listenerCount('data')).toBe(0);
    const received: string[] = [];
    stream.on('data', (d: Buffer) => received.push(d.toString()));
    stream.write('hello');
    for (let i = 0; i < 50 && received.join('') !== 'firstecho:hello'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(received.join('')).toBe('firstecho:hello');
    expect(requests[0]).toContain('Upgrade: tcp\r\n');
    stream.destroy();
    expect(await allClosed()).toBe(0);
  });

  it('rejects an answer that is not an upgrade, and closes the connection', async () => {
    answer = (socket) => socket.end('HTTP/1.1 409 Conflict\r\nContent-Length: 35\r\n\r\n{"message":"container is stopped"}\n');
    await expect(client.upgrade('/containers/x/attach')).rejects.toMatchObject({ statusCode: 409, message: 'container is stopped' });
    expect(await allClosed()).toBe(0);
  });
});
