// TLS material for a test engine, made with openssl: a CA, a server certificate for 127.0.0.1
// signed by it, a client certificate signed by it, and a second, unrelated CA with its own
// client certificate (the "wrong" ones). EC keys: quick to make.

import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const openssl = (...args: string[]) => run('openssl', args, { timeout: 30_000 });

export interface CertSet {
  /** a DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem */
  dir: string;
  ca: string;
  cert: string;
  key: string;
}

export interface TestPki {
  /** the engine's: --tlscacert, --tlscert, --tlskey */
  server: { ca: string; cert: string; key: string };
  /** a client the engine trusts, which trusts the engine */
  good: CertSet;
  /** trusts another CA (so refuses the engine) and is signed by it (so the engine refuses it) */
  wrongCa: CertSet;
  /** trusts the engine's CA, but its certificate is signed by another CA */
  wrongClient: CertSet;
  /** a client certificate the engine trusts, but it trusts another CA (verification refuses the engine) */
  untrusting: CertSet;
}

async function makeCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}-key.pem`);
  const cert = join(dir, `${name}.pem`);
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=cdebug test ${name}`,
  );
  return { cert, key };
}

async function sign(dir: string, name: string, ca: { cert: string; key: string }, extensions: string): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}-key.pem`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}-cert.pem`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  await openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${name}`);
  await openssl('x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '2', '-extfile', ext);
  return { cert, key };
}

function certSet(dir: string, ca: string, client: { cert: string; key: string }): CertSet {
  mkdirSync(dir, { recursive: true });
  const set = { dir, ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
  // a DOCKER_CERT_PATH holds copies under the fixed names
  for (const [to, from] of [
    [set.ca, ca],
    [set.cert, client.cert],
    [set.key, client.key],
  ] as const) {
    writeFileSync(to, readText(from));
  }
  return set;
}

const readText = (path: string) => readFileSync(path, 'utf8');

export async function makePki(dir: string): Promise<TestPki> {
  mkdirSync(dir, { recursive: true });
  const ca = await makeCa(dir, 'ca');
  const otherCa = await makeCa(dir, 'other-ca');
  const server = await sign(dir, 'server', ca, 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  const client = await sign(dir, 'client', ca, 'extendedKeyUsage=clientAuth\n');
  const stranger = await sign(dir, 'stranger', otherCa, 'extendedKeyUsage=clientAuth\n');
  return {
    server: { ca: ca.cert, cert: server.cert, key: server.key },
    good: certSet(join(dir, 'good'), ca.cert, client),
    wrongCa: certSet(join(dir, 'wrong-ca'), otherCa.cert, stranger),
    wrongClient: certSet(join(dir, 'wrong-client'), ca.cert, stranger),
    untrusting: certSet(join(dir, 'untrusting'), otherCa.cert, client),
  };
}
