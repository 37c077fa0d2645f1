// The listeners for real (loopback TCP on a free port, a unix socket in a temporary folder),
// with fake engines: which listener needs the token, stale sockets, refused hosts, shutdown.
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TOKEN, unitApp } from '../../test/server/unit-app.js';
import { checkTcpHost, listen, type Listening, serviceUrl } from './listen.js';
import { matching } from '../../test/helpers/matchers.js';

const open: Listening[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cdebug-listen-'));
  dirs.push(d);
  return d;
}

/** `fresh`: on a connection of its own (Node's global agent keeps connections alive and reuses them) */
function get(target: { socketPath: string } | { port: number }, path: string, headers: Record<string, string> = {}, fresh = false) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { ...('port' in target ? { host: '127.0.0.1', port: target.port } : target), path, headers, ...(fresh ? { agent: false } : {}) },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('listen', () => {
  it('serves TCP with the token and the unix socket without, and tells the socket the TCP port', async () => {
    const socketPath = join(tmp(), 'cdebug.sock');
    const { app } = unitApp({ injectedAs: undefined });
    const listening = await listen(app, { socketPath, tcp: { host: '127.0.0.1', port: 0 } });
    open.push(listening);
    const port = listening.port as number;
    expect(port).toBeGreaterThan(0);

    expect((await get({ port }, '/api/health')).status).toBe(401);
    expect((await get({ port }, '/api/health', { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get({ port }, '/api/connection', { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
    expect((await get({ port }, '/api/health', { authorization: `Bearer ${TOKEN}`, host: `evil.example:${port}` })).status).toBe(403);

    expect((await get({ socketPath }, '/api/health')).status).toBe(200);
    const connection = await get({ socketPath }, '/api/connection');
    expect(JSON.parse(connection.body)).toEqual({ port, token: TOKEN });
  });

  it("tells the socket the host's port when the engine publishes the listener on another one (the extension)", async () => {
    const socketPath = join(tmp(), 'cdebug.sock');
    const { app } = unitApp({ injectedAs: undefined });
    const listening = await listen(app, { socketPath, tcp: { host: '127.0.0.1', port: 0, publishedOnLoopback: true, publishedPort: 49153 } });
    open.push(listening);
    const port = listening.port as number;
    expect(JSON.parse((await get({ socketPath }, '/api/connection')).body)).toEqual({ port: 49153, token: TOKEN });
    // a browser on the host names the published port; the listener's own still works inside
    expect((await get({ port }, '/api/health', { authorization: `Bearer ${TOKEN}`, host: '127.0.0.1:49153' })).status).toBe(200);
    expect((await get({ port }, '/api/health', { authorization: `Bearer ${TOKEN}`, host: `localhost:${port}` })).status).toBe(200);
    expect((await get({ port }, '/api/health', { authorization: `Bearer ${TOKEN}`, host: 'evil.example:49153' })).status).toBe(403);
  });

  it('opens WebSockets over TCP with ?token= and refuses a foreign Origin with 403', async () => {
    const { app } = unitApp();
    const listening = await listen(app, { tcp: { host: '127.0.0.1', port: 0 } });
    open.push(listening);
    const port = listening.port as number;
    const create = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/sessions', method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve((JSON.parse(body) as { id: string }).id));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ target: 'app' }));
    });
    const url = `ws://127.0.0.1:${port}/api/sessions/${create}/attach?token=${TOKEN}`;
    const status = (origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('open', () => {
          ws.terminate();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
    expect(await status()).toBe(101);
    expect(await status(`http://127.0.0.1:${port}`)).toBe(101);
    expect(await status('http://evil.example')).toBe(403);
  });

  it('replaces a stale socket file, refuses a live one and a non-socket file', async () => {
    const dir = tmp();
    const stale = join(dir, 'stale.sock');
    // a socket file whose process died without removing it
    spawnSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`]);
    expect(existsSync(stale)).toBe(true);
    const { app } = unitApp();
    const listening = await listen(app, { socketPath: stale });
    open.push(listening);
    expect((await get({ socketPath: stale }, '/api/health')).status).toBe(200);

    const { app: second } = unitApp();
    await expect(listen(second, { socketPath: stale })).rejects.toMatchObject({ code: 'bad_request' });

    const file = join(dir, 'plain');
    writeFileSync(file, 'x');
    const { app: third } = unitApp();
    await expect(listen(third, { socketPath: file })).rejects.toMatchObject({ code: 'bad_request' });

    await listening.close();
    expect(existsSync(stale)).toBe(false);
  });

  it('says what to do when the port is taken or the socket folder is missing', async () => {
    const first = await listen(unitApp().app, { tcp: { host: '127.0.0.1', port: 0 } });
    open.push(first);
    await expect(listen(unitApp().app, { tcp: { host: '127.0.0.1', port: first.port as number } })).rejects.toMatchObject({
      code: 'bad_request',
      message: matching(/the port is in use \(another cdebug serve\?\)\. Give another --port, or --port 0 for a free one\.$/),
    });
    await expect(listen(unitApp().app, { socketPath: join(tmp(), 'missing', 'cdebug.sock') })).rejects.toMatchObject({
      code: 'bad_request',
      message: matching(/its folder does not exist/),
    });
  });

  it('refuses a non-loopback host unless allowed', () => {
    expect(() => checkTcpHost('0.0.0.0', false)).toThrow(/allow-remote/);
    expect(() => checkTcpHost('192.168.1.5', false)).toThrow(/allow-remote/);
    expect(() => checkTcpHost('0.0.0.0', true)).not.toThrow();
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]']) expect(() => checkTcpHost(h, false)).not.toThrow();
  });

  it('behind a loopback publish, binds every interface yet accepts only loopback Host names', async () => {
    const { app } = unitApp();
    const listening = await listen(app, { tcp: { host: '0.0.0.0', port: 0, publishedOnLoopback: true } });
    open.push(listening);
    const port = listening.port as number;
    expect(listening.listeners).toEqual([{ kind: 'tcp', host: '0.0.0.0', port, remote: false, forwardsByHost: true }]);
    const auth = { authorization: `Bearer ${TOKEN}` };
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await get({ port }, '/api/health', { ...auth, host })).status, host).toBe(200);
    }
    // what a rebinding page sends: its own name, or the address the container has
    for (const host of [`evil.example:${port}`, `172.17.0.2:${port}`, `localhost:${port + 1}`]) {
      expect((await get({ port }, '/api/health', { ...auth, host })).status, host).toBe(403);
    }
    // a forward's name is looked up before the HTTP server sees a new connection's first request (host-router.ts)
    const unknown = await get({ port }, '/api/health', { host: `f-0123456789abcdef.localhost:${port}` }, true);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('forward_not_found');
  });

  it('prints a URL with the token in the fragment', () => {
    expect(serviceUrl('127.0.0.1', 7681, 'abc_-1')).toBe('http://127.0.0.1:7681/#token=abc_-1');
    expect(serviceUrl('::1', 7681, 't')).toBe('http://[::1]:7681/#token=t');
  });
});
