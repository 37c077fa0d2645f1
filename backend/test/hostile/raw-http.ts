// HTTP as a hostile client writes it: any method, path, headers and body bytes, a Host of its
// choosing (or none), and the answer read back whatever it is. `fetch` cannot do this: it fixes
// Host, refuses some headers and re-encodes bodies.

import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** the contract's error code when the body is `{"error": {"code", "message"}}`, else null */
  code: string | null;
  message: string | null;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
  /** send no Host header at all */
  noHost?: boolean;
}

export function errorOf(text: string): { code: string | null; message: string | null } {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof parsed.error?.code === 'string' ? parsed.error.code : null;
    const message = typeof parsed.error?.message === 'string' ? parsed.error.message : null;
    return { code, message };
  } catch {
    return { code: null, message: null };
  }
}

export function send(port: number, req: RawRequest): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method ?? 'GET',
        path: req.path,
        headers: req.headers ?? {},
        setHost: req.noHost !== true && !Object.keys(req.headers ?? {}).some((h) => h.toLowerCase() === 'host'),
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, ...errorOf(text) });
        });
        res.on('error', reject);
      },
    );
    // the service may answer (413) and close before a huge body is all written: that is the
    // answer, not a failure of the test
    r.on('error', (err) => {
      if (!answered) reject(err);
    });
    r.end(req.body);
  });
}

/** bytes straight onto a TCP connection; resolves with everything the service wrote before closing */
export function sendBytes(port: number, bytes: string | Buffer, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${timeoutMs} ms; got: ${Buffer.concat(chunks).toString('latin1').slice(0, 300)}`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(bytes);
  });
}

export const json = (value: unknown, extra: Record<string, string> = {}) => ({
  headers: { 'content-type': 'application/json', ...extra },
  body: JSON.stringify(value),
});
