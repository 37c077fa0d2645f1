// Connections for cdebug's own client (client.ts): a unix socket, tcp, or TLS with the
// endpoint's PEM files. ssh:// is not dialled here: its connections are ssh processes, kept
// alive by dockerode's agent (endpoints/ssh.ts), which a one-connection-per-call client would
// start anew for every call.

import { isIP, connect as netConnect } from 'node:net';
import { fail, ok, type Result } from '../../contract/index.js';
import type { EngineAddress } from '../endpoints/address.js';
import { type ReadFile, readTlsFiles } from '../endpoints/tls-files.js';
import type { Dial } from './client.js';

export interface WireDialer {
  dial: Dial;
  /** what goes in the Host header */
  host: string;
}

export interface WireDialOptions {
  readFile: ReadFile;
  /**
   * The CAs for a TLS engine that has none of its own, when they are not Node's default store
   * (cli/extra-ca.ts: NODE_EXTRA_CA_CERTS, which `cdebug exec` starts Node without).
   */
  defaultCa?: () => string[] | undefined;
}

export function wireDialer(address: EngineAddress, options: WireDialOptions): Result<WireDialer> {
  switch (address.kind) {
    case 'unix':
      return ok({ dial: () => netConnect({ path: address.path }), host: 'docker' });
    case 'tcp': {
      const { host, port, tls } = address;
      const hostHeader = `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
      if (!tls) {
        return ok({ dial: () => netConnect({ host, port: Number(port), noDelay: true }), host: hostHeader });
      }
      const files = readTlsFiles(`tcp://${hostHeader}`, tls, options.readFile);
      if (!files.ok) return files;
      const ca = files.value.ca ?? (tls.verify ? options.defaultCa?.() : undefined);
      // node:tls only for a TLS engine: loading it costs every start on a local one
      const { connect: tlsConnect } = process.getBuiltinModule('node:tls');
      const dial = () =>
        tlsConnect({
          host,
          port: Number(port),
          // an address is no server name (Node warns); the certificate is checked against it all the same
          ...(isIP(host) === 0 ? { servername: host } : {}),
          ...(ca !== undefined ? { ca } : {}),
          ...(files.value.cert !== undefined ? { cert: files.value.cert, key: files.value.key } : {}),
          rejectUnauthorized: tls.verify,
        }).setNoDelay(true);
      return ok({ dial, host: hostHeader });
    }
    case 'ssh':
      return fail('internal', `cdebug's own client does not dial ssh:// (${address.url}): use dockerode's agent`);
  }
}
