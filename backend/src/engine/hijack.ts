// A hijacked HTTP connection to the engine (POST .../attach with Upgrade: tcp), sent with an
// empty body. docker-modem either writes the options as a JSON body, which can land in the
// container's stdin, or, when told to keep stdin open, never flushes the request at all.

import http from 'node:http';
import type https from 'node:https';
import type { Duplex } from 'node:stream';
import type { Engine } from './connect.js';

interface ModemConfig {
  socketPath?: string | (() => string | Promise<string>);
  host?: string;
  port?: number | string;
  protocol?: string;
  version?: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** ssh:// engines (each connection an ssh process) and TLS without verification */
  agent?: http.Agent;
}

export async function hijack(engine: Engine, path: string): Promise<Duplex> {
  const modem = engine.modem as unknown as ModemConfig;
  const fullPath = modem.version ? `/${modem.version}${path}` : path;
  const socketPath = typeof modem.socketPath === 'function' ? await modem.socketPath() : modem.socketPath;
  const secure = modem.protocol === 'https';
  const options: https.RequestOptions = {
    method: 'POST',
    path: fullPath,
    headers: { Connection: 'Upgrade', Upgrade: 'tcp', 'Content-Length': '0' },
    ...(socketPath ? { socketPath } : { host: modem.host, port: modem.port }),
    // TLS keeps its server name; plain http skips working one out (see connect.ts)
    ...(secure ? { ca: modem.ca, cert: modem.cert, key: modem.key } : { servername: '' }),
    ...(modem.agent ? { agent: modem.agent } : {}),
  };
  // node:https (and node:tls with it) only for a TLS engine: loading them costs every start.
  // Not import(): bin/load-bundle.js runs the CLI where import() is not available.
  const client: typeof http | typeof https = secure ? process.getBuiltinModule('node:https') : http;
  return new Promise<Duplex>((resolve, reject) => {
    const req = client.request(options);
    req.once('upgrade', (_res, socket, head) => {
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let message = body;
        try {
          message = (JSON.parse(body) as { message?: string }).message ?? body;
        } catch {
          // plain text answer
        }
        reject(Object.assign(new Error(message.trim() || `HTTP ${res.statusCode}`), { statusCode: res.statusCode, json: { message } }));
      });
    });
    req.once('error', reject);
    req.end();
  });
}
