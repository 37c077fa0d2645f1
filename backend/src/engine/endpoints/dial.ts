// An endpoint as dockerode options. Every connection setting is given, absent ones as
// undefined: docker-modem starts from DOCKER_HOST and DOCKER_CERT_PATH and lays the options
// over them, so anything left out would come from the environment instead of the endpoint.

import type { Agent } from 'node:http';
import type Docker from 'dockerode';
import { fail, ok, type Result } from '../../contract/index.js';
import { sshAgent } from './ssh.js';
import type { EngineEndpoint } from './types.js';

export type ReadFile = (path: string) => Buffer;

/** docker-modem takes an http(s) agent, and a time limit for the first answer; its types leave them out */
export type ModemOptions = Docker.DockerOptions & { agent?: Agent; connectionTimeout?: number };

export const PLAIN_PORT = '2375';
export const TLS_PORT = '2376';

const NONE = { socketPath: undefined, host: undefined, port: undefined, ca: undefined, cert: undefined, key: undefined, agent: undefined };

export function dialOptions(endpoint: EngineEndpoint, readFile: ReadFile): Result<ModemOptions> {
  const url = new URL(endpoint.host);
  switch (url.protocol) {
    case 'unix:':
      return ok({ ...NONE, socketPath: decodeURIComponent(url.pathname), protocol: 'http' });
    case 'ssh:':
      // http over the ssh process's pipes: docker-modem's own ssh mode cannot carry the
      // hijacked attach connection that hijack.ts opens, an agent can
      return ok({ ...NONE, host: url.hostname, protocol: 'http', agent: sshAgent(endpoint.host) });
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = url.protocol === 'https:' ? (endpoint.tls ?? { verify: true }) : url.protocol === 'tcp:' ? endpoint.tls : undefined;
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      if (!tls) return ok({ ...NONE, host, port: url.port || PLAIN_PORT, protocol: 'http' });
      const files: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
      for (const part of ['ca', 'cert', 'key'] as const) {
        const path = tls[part];
        if (path === undefined) continue;
        try {
          files[part] = readFile(path);
        } catch (err) {
          return fail('bad_request', `cannot read the TLS ${part === 'ca' ? 'CA certificate' : part === 'cert' ? 'client certificate' : 'client key'} ${path} for ${endpoint.host} (${(err as { code?: string }).code ?? (err as Error).message})`);
        }
      }
      if ((files.cert === undefined) !== (files.key === undefined)) {
        return fail('bad_request', `the engine ${endpoint.host} has a client ${files.cert ? 'certificate without its key' : 'key without its certificate'}: give both cert.pem and key.pem`);
      }
      // Without verification the chain is not checked either (the docker CLI's --tls without
      // --tlsverify): only an agent can carry rejectUnauthorized through docker-modem.
      const agent = tls.verify ? undefined : skipVerifyAgent(files);
      return ok({ ...NONE, host, port: url.port || TLS_PORT, protocol: 'https', ...files, agent });
    }
    default:
      return fail('bad_request', `cdebug cannot dial ${endpoint.host}: give unix://, tcp:// or ssh://`);
  }
}

function skipVerifyAgent(files: { ca?: Buffer; cert?: Buffer; key?: Buffer }): Agent {
  // loaded on first use: node:https costs every start of a command on a local engine
  const { Agent: HttpsAgent } = process.getBuiltinModule('node:https');
  return new HttpsAgent({ ...files, rejectUnauthorized: false });
}
