// dockerodeApi's two calls that go through docker-modem's dial rather than a dockerode method,
// against a small scripted engine on a unix socket: the attach sends no body at all (Podman
// would hand any body to the command as input), and the wait is handed over once the engine
// has answered its head, with the exit still to come.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerodeApi } from './container-api.js';
import { engineMessage } from './errors.js';

const dir = mkdtempSync(join(tmpdir(), 'cdebug-container-api-'));
const path = join(dir, 'engine.sock');
let server: Server;
/** how the engine answers a request, once its head (and any body it announced) is in */
let answer: (socket: Socket, head: string, rest: Buffer) => void = () => undefined;
const open = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => undefined);
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      answer(socket, received.subarray(0, end).toString('latin1'), received.subarray(end + 4));
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
});
afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const api = dockerodeApi(new Docker({ socketPath: path }));
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dockerodeApi.attach', () => {
  it('asks for a raw stream with the options in the query and an empty body, and hands over the connection', async () => {
    let head = '';
    const early: Buffer[] = [];
    answer = (socket, h, rest) => {
      head = h;
      if (rest.length > 0) early.push(rest);
      // whatever the client sends before the switch would be the command's input
      socket.on('data', (d: Buffer) => early.push(d));
      setTimeout(() => {
        socket.removeAllListeners('data');
        socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nfirst');
        socket.on('data', (d: Buffer) => socket.write(`echo:${d.toString()}`));
      }, 50);
    };
    const stream = await api.attach('abc', { stdin: true, detachKeys: 'ctrl-],ctrl-^' });
    const [line, ...headers] = head.split('\r\n');
    expect(line).toMatch(/^POST \/containers\/abc\/attach\?/);
    const query = new URLSearchParams(line!.split(' ')[1]!.split('?')[1]);
    expect(Object.fromEntries(query)).toMatchObject({ stream: 'true', stdout: 'true', stderr: 'true', stdin: 'true', detachKeys: 'ctrl-],ctrl-^' });
    expect(headers.map((h) => h.toLowerCase())).toEqual(expect.arrayContaining(['content-length: 0', 'upgrade: tcp', 'connection: upgrade']));
    expect(headers.some((h) => /^transfer-encoding/i.test(h))).toBe(false);
    expect(Buffer.concat(early).length).toBe(0);

    const received: string[] = [];
    stream.on('data', (d: Buffer) => received.push(d.toString()));
    stream.write('hello');
    for (let i = 0; i < 50 && received.join('') !== 'firstecho:hello'; i++) await later(10);
    expect(received.join('')).toBe('firstecho:hello');
    stream.destroy();
  });

  it("rejects an engine's refusal with its status and words", async () => {
    answer = (socket) =>
      socket.end(
        'HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 38\r\n\r\n{"message":"No such container: nope"}\n',
      );
    const refused = await api.attach('nope', { stdin: false, detachKeys: 'ctrl-]' }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ statusCode: 404 });
    expect(engineMessage(refused)).toBe('No such container: nope');
  });
});

describe('dockerodeApi.wait', () => {
  it('resolves once the head is in, before the exit; the body carries the exit', async () => {
    let head = '';
    let finish: () => void = () => undefined;
    answer = (socket, h) => {
      head = h;
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      const status = '{"Error":null,"StatusCode":3}\n';
      finish = () => socket.end(`${status.length.toString(16)}\r\n${status}\r\n0\r\n\r\n`);
    };
    const body = await api.wait('abc', 'next-exit');
    expect(head).toMatch(/^POST \/containers\/abc\/wait\?condition=next-exit HTTP\/1\.1/);
    const chunks: Buffer[] = [];
    const ended = new Promise((resolve) => body.on('end', resolve));
    body.on('data', (c: Buffer) => chunks.push(c));
    finish();
    await ended;
    expect(JSON.parse(Buffer.concat(chunks).toString())).toEqual({ Error: null, StatusCode: 3 });
  });
});
