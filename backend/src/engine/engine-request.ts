// Where and how to open a connection of our own to the engine that dockerode already reaches:
// the hand-made attach (hijack.ts) and the fresh-connection probe (probe.ts) both need it, and
// both must follow the same endpoint — unix socket, tcp, TLS material, or the agent that carries
// ssh:// engines and TLS without verification.

import http from 'node:http';
import type https from 'node:https';
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

export interface EngineRequest {
  /** the endpoint's part of a request's options: socket or host and port, TLS, agent */
  endpoint: https.RequestOptions;
  /** node:http, or node:https for a TLS engine */
  client: typeof http | typeof https;
  /** an agent of dockerode's own carries every connection (ssh, TLS without verification) */
  viaAgent: boolean;
  /** the API version prefix dockerode puts on paths ('' when it speaks the engine's own) */
  versionPrefix: string;
}

export async function engineRequest(engine: Engine): Promise<EngineRequest> {
  const modem = engine.modem as unknown as ModemConfig;
  const socketPath = typeof modem.socketPath === 'function' ? await modem.socketPath() : modem.socketPath;
  const secure = modem.protocol === 'https';
  return {
    endpoint: {
      ...(socketPath ? { socketPath } : { host: modem.host, port: modem.port }),
      // TLS keeps its server name; plain http skips working one out (see connect.ts)
      ...(secure ? { ca: modem.ca, cert: modem.cert, key: modem.key } : { servername: '' }),
      ...(modem.agent ? { agent: modem.agent } : {}),
    },
    // node:https (and node:tls with it) only for a TLS engine: loading them costs every start.
    // Not import(): bin/cdebug.js runs the CLI through vm.Script, where import() is not available.
    client: secure ? process.getBuiltinModule('node:https') : http,
    viaAgent: modem.agent !== undefined,
    versionPrefix: modem.version ? `/${modem.version}` : '',
  };
}
