// cdebug against a remote engine over TLS: a second, private dockerd on tcp://127.0.0.1:<port>
// with --tlsverify and certificates made here with openssl. Debugging works through
// DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH and through --host (attach, stdin, the
// exit status, a pull, a terminal and its resize); every certificate problem is refused with
// one line that names the side that failed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cdebugExec, describeRun, ensureBuilt, expectCdebugError } from '../helpers/cli.js';
import { docker } from '../helpers/docker.js';
import { expectTerminalResizes, hasTmux, TmuxTerminal } from '../helpers/tmux.js';
import { type CertSet } from './certs.js';
import { sessionFilter } from '../kit/engine.js';
import { type SecureEngine, startSecureEngine } from './secure-engine.js';

let secure: SecureEngine;
// no Docker context of the machine's may interfere: an empty configuration folder
const config = mkdtempSync(join(tmpdir(), 'cdebug-tls-config-'));

beforeAll(async () => {
  ensureBuilt();
  secure = await startSecureEngine();
}, 180_000);
afterAll(async () => {
  await secure?.dispose();
  rmSync(config, { recursive: true, force: true });
});
afterEach(async () => {
  // every run removed its sidecar from the engine it used
  expect(await secure.engine.docker('ps', '-aq', '--filter', sessionFilter())).toBe('');
});

const tlsEnv = (certs: CertSet, extra: Record<string, string | undefined> = {}) => ({
  DOCKER_HOST: secure.tcp,
  DOCKER_TLS_VERIFY: '1',
  DOCKER_CERT_PATH: certs.dir,
  DOCKER_CONFIG: config,
  DOCKER_CONTEXT: undefined,
  ...extra,
});

describe('cdebug exec on an engine over TLS', () => {
  it('debugs a container there through DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    // the target exists on the TLS engine only
    await expect(docker('inspect', secure.target)).rejects.toThrow();
    const r = await cdebugExec([secure.target, 'sh', '-c', 'cat /etc/fixture-release; ps -o pid,args | grep -c "^ *1 /app"; exit 5'], {
      env: tlsEnv(secure.pki.good),
    });
    expect(r.code, describeRun(r)).toBe(5);
    expect(r.stdout).toBe('cdebug-fixture\n1\n');
    expect(r.stderr).toBe('');
  });

  it('takes the engine from --host, with the TLS variables, and sends stdin with -i', async () => {
    const r = await cdebugExec(['-i', '--host', secure.tcp, secure.target, 'sh', '-c', 'tr a-z A-Z; exit 3'], {
      env: tlsEnv(secure.pki.good, { DOCKER_HOST: 'unix:///nonexistent.sock' }),
      input: 'over tls\n',
    });
    expect(r.code, describeRun(r)).toBe(3);
    expect(r.stdout).toBe('OVER TLS\n');
  });

  it('reports a pull that fails on the remote engine as image_pull_failed', async () => {
    const r = await cdebugExec(['--image', '127.0.0.1:1/nope:latest', secure.target, 'true'], { env: tlsEnv(secure.pki.good) });
    expectCdebugError(r, /Could not pull 127\.0\.0\.1:1\/nope:latest/);
  });

  it('refuses an engine whose certificate the trusted CA did not sign, naming the CA certificate', async () => {
    const r = await cdebugExec([secure.target, 'true'], { env: tlsEnv(secure.pki.untrusting) });
    expectCdebugError(r, /127\.0\.0\.1:\d+ \(DOCKER_HOST\): its TLS certificate was not accepted .*ca\.pem/);
  });

  it('says when the engine refuses the client certificate', async () => {
    const r = await cdebugExec([secure.target, 'true'], { env: tlsEnv(secure.pki.wrongClient) });
    expectCdebugError(r, /refused cdebug's client certificate.*cert\.pem and key\.pem/);
  });

  it('checks the engine certificate only with verification: DOCKER_TLS alone accepts any', async () => {
    const untrusting = secure.pki.untrusting;
    const r = await cdebugExec([secure.target, 'cat', '/etc/fixture-release'], { env: tlsEnv(untrusting, { DOCKER_TLS_VERIFY: undefined, DOCKER_TLS: '1' }) });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('cdebug-fixture\n');
  });

  it('says the engine wants TLS when spoken to without it', async () => {
    const r = await cdebugExec([secure.target, 'true'], { env: tlsEnv(secure.pki.good, { DOCKER_TLS_VERIFY: undefined }) });
    expectCdebugError(r, /wants TLS: set DOCKER_TLS_VERIFY=1/);
  });

  it('names a missing certificate file', async () => {
    const r = await cdebugExec([secure.target, 'true'], { env: tlsEnv(secure.pki.good, { DOCKER_CERT_PATH: join(config, 'nothing-here') }) });
    // no ca.pem, cert.pem or key.pem there: the engine asks for a client certificate
    expectCdebugError(r, /certificate/);
  });

  it.skipIf(!hasTmux())('runs a terminal over TLS: a prompt, the size, a resize, the exit status', async () => {
    const t = new TmuxTerminal();
    try {
      const env = Object.fromEntries(Object.entries(tlsEnv(secure.pki.good)).filter((e): e is [string, string] => e[1] !== undefined));
      await t.start(['exec', '-it', secure.target], 100, 30, env);
      await expectTerminalResizes(t);
    } finally {
      await t.close();
    }
  });
});
