// bin/cdebug.js moves NODE_EXTRA_CA_CERTS aside (to CDEBUG_EXTRA_CA_CERTS) before Node starts
// `cdebug exec`, because Node 20 would parse its whole certificate store at start for it. The
// engine is cdebug's only TLS peer; this gives it what NODE_EXTRA_CA_CERTS would have:
// - an engine with its own CA (DOCKER_CERT_PATH, a context's ca.pem) verifies against that CA
//   only, with or without the variable (Node ignores it when a `ca` is given): nothing to do;
// - an engine over TLS without a CA of its own is verified against Node's default store, which
//   the variable extends: here that is Node's bundled roots plus the file, read on this path
//   only, so a local engine never pays for it;
// - unix sockets, plain tcp and ssh have no TLS.

import { readFileSync } from 'node:fs';
import type { Engine } from '../engine/connect.js';

interface TlsModem {
  protocol?: string;
  ca?: string | Buffer | Array<string | Buffer>;
}

export const EXTRA_CA_VARIABLE = 'CDEBUG_EXTRA_CA_CERTS';

/** Node's bundled roots plus the file, or nothing when the variable is not set (or unreadable). */
export function extraCaBundle(env: NodeJS.ProcessEnv): string[] | undefined {
  const file = env[EXTRA_CA_VARIABLE];
  if (!file) return undefined;
  let extra: string;
  try {
    extra = readFileSync(file, 'utf8');
  } catch (err) {
    // Node itself only warns when the file cannot be read, and goes on with its own roots
    process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(err as Error).message}`);
    return undefined;
  }
  const { rootCertificates } = process.getBuiltinModule('node:tls');
  return [...rootCertificates, extra];
}

/** The same for a dockerode engine (the pull that `cdebug exec` makes through dockerode). */
export function restoreExtraCa(engine: Engine, env: NodeJS.ProcessEnv): void {
  const modem = engine.modem as unknown as TlsModem;
  if (modem.protocol !== 'https' || modem.ca !== undefined) return;
  const bundle = extraCaBundle(env);
  if (bundle) modem.ca = bundle;
}
