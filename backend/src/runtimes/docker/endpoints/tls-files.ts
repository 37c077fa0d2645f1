// The PEM files of a TLS engine, read and checked as a pair (a certificate needs its key),
// for dockerode's options (dial.ts).

import { fail, ok, type Result } from '../../../contract/index.js';
import type { EngineTls } from './types.js';

export type ReadFile = (path: string) => Buffer;

export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export function readTlsFiles(host: string, tls: EngineTls, readFile: ReadFile): Result<TlsFiles> {
  const files: TlsFiles = {};
  for (const part of ['ca', 'cert', 'key'] as const) {
    const path = tls[part];
    if (path === undefined) continue;
    try {
      files[part] = readFile(path);
    } catch (err) {
      return fail(
        'bad_request',
        `cannot read the TLS ${part === 'ca' ? 'CA certificate' : part === 'cert' ? 'client certificate' : 'client key'} ${path} for ${host} (${(err as { code?: string }).code ?? (err as Error).message})`,
      );
    }
  }
  if ((files.cert === undefined) !== (files.key === undefined)) {
    return fail(
      'bad_request',
      `the engine ${host} has a client ${files.cert ? 'certificate without its key' : 'key without its certificate'}: give both cert.pem and key.pem`,
    );
  }
  return ok(files);
}
