// A Docker context store, written the way `docker context create` writes one, in a test HOME:
//   .docker/config.json                             {"currentContext": …}
//   .docker/contexts/meta/<sha256(name)>/meta.json  Name, Metadata, Endpoints.docker.{Host,SkipTLSVerify}
//   .docker/contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertSet } from './certs.js';

export interface StoredContextSpec {
  name: string;
  host: string;
  description?: string;
  /** TLS material, copied into the context's tls folder */
  tls?: CertSet;
  skipTlsVerify?: boolean;
}

export interface TestHome {
  home: string;
  /** `.docker` inside it */
  config: string;
}

const id = (name: string) => createHash('sha256').update(name).digest('hex');

export function makeContextHome(contexts: readonly StoredContextSpec[], currentContext?: string): TestHome {
  const home = mkdtempSync(join(tmpdir(), 'cdebug-home-'));
  const config = join(home, '.docker');
  mkdirSync(config);
  writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: {}, ...(currentContext ? { currentContext } : {}) }, null, 2));
  for (const c of contexts) {
    const meta = join(config, 'contexts', 'meta', id(c.name));
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      join(meta, 'meta.json'),
      JSON.stringify({
        Name: c.name,
        Metadata: { Description: c.description ?? '' },
        Endpoints: { docker: { Host: c.host, SkipTLSVerify: c.skipTlsVerify === true } },
      }),
    );
    if (c.tls) {
      const tls = join(config, 'contexts', 'tls', id(c.name), 'docker');
      mkdirSync(tls, { recursive: true });
      copyFileSync(c.tls.ca, join(tls, 'ca.pem'));
      copyFileSync(c.tls.cert, join(tls, 'cert.pem'));
      copyFileSync(c.tls.key, join(tls, 'key.pem'));
    }
  }
  return { home, config };
}
