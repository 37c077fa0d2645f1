// A private dockerd (helpers/private-engine.ts) that also listens on tcp://127.0.0.1:<port>
// with TLS, requiring client certificates (--tlsverify), and a distroless target running on it
// that the shared engine does not have: a CLI that debugs it reached the right engine.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUSYBOX, DISTROLESS, FIXTURE_LABEL, NIXKIT, poll } from '../helpers/docker.js';
import { freePort } from '../helpers/net.js';
import { type PrivateEngine, startPrivateEngine } from '../helpers/private-engine.js';
import { makePki, type TestPki } from './certs.js';

export interface SecureEngine {
  engine: PrivateEngine;
  pki: TestPki;
  /** tcp://127.0.0.1:<port> */
  tcp: string;
  /** the target's name on the private engine */
  target: string;
  dispose(): Promise<void>;
}

export async function startSecureEngine(): Promise<SecureEngine> {
  const dir = mkdtempSync('/tmp/cdebug-tls-');
  const pki = await makePki(join(dir, 'pki'));
  const port = await freePort();
  const tcp = `tcp://127.0.0.1:${port}`;
  const engine = await startPrivateEngine({
    images: [DISTROLESS, BUSYBOX, NIXKIT],
    extraArgs: ['-H', tcp, '--tlsverify', '--tlscacert', pki.server.ca, '--tlscert', pki.server.cert, '--tlskey', pki.server.key],
  });
  const target = `cdebug-secure-${process.pid}`;
  try {
    await engine.docker('run', '-d', '--network', 'none', '--label', FIXTURE_LABEL, '--name', target, DISTROLESS);
    await poll(
      () => engine.docker('logs', target),
      (logs) => logs.includes('cdebug fixture target ready'),
      'the private target to be ready',
    );
  } catch (err) {
    await engine.dispose();
    throw err;
  }
  return {
    engine,
    pki,
    tcp,
    target,
    async dispose() {
      await engine.docker('rm', '-f', target).catch(() => undefined);
      await engine.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
