// Does the engine still take new connections? Asked over a connection of its own, never one
// from the keep-alive pool: a dockerd that is shutting down closes its listener first (new
// connections are refused at once) while it goes on serving the connections already open, so
// a pooled connection would get an answer from an engine that is on its way out.

import http from 'node:http';
import type https from 'node:https';
import type { Engine } from './connect.js';

const PROBE_TIMEOUT_MS = 3000;

interface ModemConfig {
  socketPath?: string | (() => string | Promise<string>);
  host?: string;
  port?: number | string;
  protocol?: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
}

/** true when a fresh connection gets an answer to GET /_ping (any HTTP answer counts) */
export async function engineAnswers(engine: Engine, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const modem = engine.modem as unknown as ModemConfig;
  if (modem.protocol === 'ssh') {
    // an ssh engine is reached through a tunnel of dockerode's own: ask through it
    return engine.ping().then(
      () => true,
      () => false,
    );
  }
  const socketPath = typeof modem.socketPath === 'function' ? await modem.socketPath() : modem.socketPath;
  const secure = modem.protocol === 'https';
  const options: https.RequestOptions = {
    method: 'GET',
    path: '/_ping',
    agent: false,
    timeout: timeoutMs,
    ...(socketPath ? { socketPath } : { host: modem.host, port: modem.port }),
    ...(secure ? { ca: modem.ca, cert: modem.cert, key: modem.key } : {}),
  };
  const client: typeof http | typeof https = secure ? (await import('node:https')).default : http;
  return new Promise<boolean>((resolve) => {
    const req = client.request(options, (res) => {
      res.resume();
      resolve(true);
    });
    req.once('timeout', () => req.destroy(new Error('timeout')));
    req.once('error', () => resolve(false));
    req.end();
  });
}
