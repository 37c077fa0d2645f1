// A target for port-forward tests: busybox with `--network none`, serving HTTP on 127.0.0.1:8080
// only (an index page and a 20 MB random file), an echo service on 127.0.0.1:7000 that
// answers once its client has half-closed (`nc -e cat`), and a keep-alive HTTP/1.1 one on 8081. Nothing of it is published: only a
// forward through the engine can reach it. And a plain HTTP client with a per-request socket.

import { request } from 'node:http';
import { connect } from 'node:net';
import { BUSYBOX_IMAGE, FIXTURE_LABEL, poll } from '../kit/engine.js';

export const HTTP_PORT = 8080;
export const ECHO_PORT = 7000;
export const CLOSED_PORT = 9;
/** HTTP/1.1 with keep-alive: each answer says how many requests its connection has carried, and the Host it was sent */
export const KEEPALIVE_PORT = 8081;
export const BIG_FILE_BYTES = 20 * 1024 * 1024;

// busybox httpd closes after each answer; this one answers every request head of a connection
const KEEPALIVE_SCRIPT = [
  'n=0',
  "cr=$(printf '\\r')",
  'while IFS= read -r line; do',
  '  line=${line%"$cr"}',
  '  case "$line" in',
  '    [Hh][Oo][Ss][Tt]:*) host=${line#*:}; host=${host# } ;;',
  `    '') n=$((n+1)); body="answer $n on this connection, for $host"`,
  `        printf 'HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: %s\\r\\n\\r\\n%s' "\${#body}" "$body" ;;`,
  '  esac',
  'done',
].join('\n');

const SCRIPT = [
  `cat > /keepalive.sh <<'EOF'\n${KEEPALIVE_SCRIPT}\nEOF`,
  `nc -ll -p ${KEEPALIVE_PORT} -e sh /keepalive.sh &`,
  'mkdir -p /www',
  'echo forwarded-ok > /www/index.html',
  `head -c ${BIG_FILE_BYTES} /dev/urandom > /www/big`,
  'sha256sum /www/big | cut -d" " -f1 > /www/big.sha256',
  `nc -ll -p ${ECHO_PORT} -e cat &`,
  `httpd -p 127.0.0.1:${HTTP_PORT} -h /www`,
  'echo forward target ready',
  'exec sleep 1000000',
].join('\n');

export type Docker = (...args: string[]) => Promise<string>;

export async function startForwardTarget(docker: Docker, name: string): Promise<{ id: string; name: string }> {
  const id = await docker('run', '-d', '--network', 'none', '--label', FIXTURE_LABEL, '--name', name, BUSYBOX_IMAGE, 'sh', '-c', SCRIPT);
  await poll(
    () => docker('logs', id),
    (out) => out.includes('forward target ready'),
    `target ${name} to serve`,
  );
  return { id, name };
}

export interface HttpAnswer {
  status: number;
  body: Buffer;
}

export function httpGet(port: number, path = '/', timeoutMs = 30_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from 127.0.0.1:${port}${path} in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** sends `data`, half-closes, and gives back all that came before the other side closed */
export function halfCloseExchange(port: number, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true }, () => socket.end(data));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      socket.destroy();
      resolve(Buffer.concat(chunks));
    });
    socket.on('error', reject);
  });
}

/** how a connection to a refused port ends: reset or closed, and what came before */
export function refusedExchange(port: number): Promise<{ bytes: number; closed: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('data', (c: Buffer) => (bytes += c.length));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ bytes, closed: true }));
  });
}
