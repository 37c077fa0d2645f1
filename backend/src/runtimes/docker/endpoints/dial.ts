// An endpoint as dockerode options. Every connection setting is given, absent ones as
// undefined: docker-modem starts from DOCKER_HOST, DOCKER_CERT_PATH, DOCKER_PATH_PREFIX and
// DOCKER_CLIENT_TIMEOUT and lays the options over them, so anything left out would come from
// the environment instead of the endpoint.

import type { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type Docker from 'dockerode';
import { ok, type Result } from '../../../contract/index.js';
import { engineAddress } from './address.js';
import { sshAgent } from './ssh.js';
import { type ReadFile, readTlsFiles } from './tls-files.js';
import type { EngineEndpoint } from './types.js';

export type { ReadFile } from './tls-files.js';

/** docker-modem takes an http(s) agent, and a time limit for the first answer; its types leave them out */
export type ModemOptions = Docker.DockerOptions & { agent?: Agent; connectionTimeout?: number; pathPrefix?: string };

export { PLAIN_PORT, TLS_PORT } from './address.js';

const NONE = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
  agent: undefined,
  pathPrefix: undefined,
  timeout: undefined,
};

export function dialOptions(endpoint: EngineEndpoint, readFile: ReadFile): Result<ModemOptions> {
  const address = engineAddress(endpoint);
  if (!address.ok) return address;
  const where = address.value;
  switch (where.kind) {
    case 'unix':
      return ok({ ...NONE, socketPath: where.path, protocol: 'http' });
    case 'ssh':
      // http over the ssh process's pipes (the docker CLI's way, see ssh.ts): docker-modem's own
      // ssh mode needs the ssh2 package and cannot carry the hijacked attach connection
      return ok({ ...NONE, host: where.host, protocol: 'http', agent: sshAgent(where.url) });
    case 'tcp': {
      if (!where.tls) return ok({ ...NONE, host: where.host, port: where.port, protocol: 'http' });
      const files = readTlsFiles(endpoint.host, where.tls, readFile);
      if (!files.ok) return files;
      // Without verification the chain is not checked either (the docker CLI's --tls without
      // --tlsverify): only an agent can carry rejectUnauthorized through docker-modem.
      const agent = where.tls.verify ? undefined : skipVerifyAgent(files.value);
      return ok({ ...NONE, host: where.host, port: where.port, protocol: 'https', ...files.value, agent });
    }
  }
}

function skipVerifyAgent(files: { ca?: Buffer; cert?: Buffer; key?: Buffer }): Agent {
  return new HttpsAgent({ ...files, rejectUnauthorized: false });
}
