// A small stand-in for Docker Desktop's extension host, for the end-to-end test of the extension
// as Desktop runs it: it serves the image's own /ui to a browser and gives the page the
// `window.ddClient` that Desktop injects, whose `extension.vm.service` calls reach the backend's
// unix socket (as Desktop's do) and reject the way Desktop's do (`{statusCode, message}`).
// Only the parts of the extension API that cdebug's UI uses are here (ui/src/api/desktop.ts).

import { createReadStream, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** the path under which the page's `vm.service` calls reach the backend socket */
const VM_PREFIX = '/__desktop/vm';

export interface DesktopHost {
  /** the page's address */
  url: string;
  close(): Promise<void>;
}

/** The script Desktop's page gets before its own: `window.ddClient`, backed by this host. */
export const DD_CLIENT_SCRIPT = `(() => {
  async function call(method, url, data) {
    const init = { method };
    if (data !== undefined) {
      init.headers = { 'content-type': 'application/json' };
      init.body = JSON.stringify(data);
    }
    const res = await fetch(${JSON.stringify(VM_PREFIX)} + url, init);
    const text = await res.text();
    if (!res.ok) throw { statusCode: res.status, message: text };
    try { return JSON.parse(text); } catch { return text; }
  }
  const toasts = (window.__desktopToasts = []);
  const opened = (window.__desktopOpened = []);
  window.ddClient = {
    extension: { vm: { service: {
      get: (url) => call('GET', url),
      post: (url, data) => call('POST', url, data),
      delete: (url) => call('DELETE', url),
    } } },
    desktopUI: { toast: {
      success: (m) => toasts.push(['success', m]),
      warning: (m) => toasts.push(['warning', m]),
      error: (m) => toasts.push(['error', m]),
    } },
    host: { openExternal: (url) => opened.push(url) },
  };
})();`;

function forwardToSocket(socketPath: string, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    {
      socketPath,
      host: 'localhost',
      method: req.method,
      path: (req.url ?? '/').slice(VM_PREFIX.length) || '/',
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
      answer.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`the backend socket did not answer: ${err.message}`);
  });
  req.pipe(upstream);
}

function serveFile(uiDir: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
  const file = join(uiDir, normalize(path === '/' ? '/index.html' : path));
  if (!file.startsWith(uiDir)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** Serves `uiDir` (the image's /ui) and forwards the page's backend calls to `socketPath`. */
export async function startDesktopHost(uiDir: string, socketPath: string): Promise<DesktopHost> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith(`${VM_PREFIX}/`)) forwardToSocket(socketPath, req, res);
    else serveFile(uiDir, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
