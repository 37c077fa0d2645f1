// `cdebug port-forward` through remote engines: tcp+TLS (a private dockerd with --tlsverify)
// and ssh:// (an OpenSSH server whose far side runs `docker system dial-stdio`). The bytes go
// through the engine's own API, so a `--network none` target on the far engine is reached as
// on the local one: HTTP, a half-closed exchange, a 20 MB checksum, and nothing left behind.

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, describeRun, ensureBuilt, startCli } from '../helpers/cli.js';
import { BUSYBOX } from '../helpers/docker.js';
import { BIG_FILE_BYTES, ECHO_PORT, HTTP_PORT, halfCloseExchange, httpGet, startForwardTarget } from '../helpers/forward-target.js';
import { type PrivateEngine, startPrivateEngine } from '../helpers/private-engine.js';
import { poll, sessionFilter } from '../kit/engine.js';
import { type SecureEngine, startSecureEngine } from './secure-engine.js';
import { hasSshd, startSshd, type TestSshd } from './sshd.js';

const config = mkdtempSync(join(tmpdir(), 'cdebug-fwd-config-'));
afterAll(() => rmSync(config, { recursive: true, force: true }));

/** starts the CLI, waits for its lines, runs `check` with the local ports, then Ctrl-C */
async function throughForward(args: string[], env: Record<string, string | undefined>, check: (ports: number[]) => Promise<void>): Promise<void> {
  const run: CliRun = startCli(['port-forward', ...args], { env, timeoutMs: 150_000 });
  let out = '';
  run.child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  const lines = await poll(
    async () => {
      if (run.child.exitCode !== null) throw new Error(`the CLI ended early: ${describeRun(await run.result)}`);
      return out.split('\n').filter(Boolean);
    },
    (l) => l.length >= 2,
    'the forward lines',
    90_000,
  );
  const ports = lines.map((l) => Number(/^127\.0\.0\.1:(\d+) -> /.exec(l)?.[1]));
  try {
    await check(ports);
  } finally {
    run.child.kill('SIGINT');
  }
  const result = await run.result;
  expect(result.code, describeRun(result)).toBe(0);
}

async function expectForwarded([http, echo]: number[]): Promise<void> {
  expect((await httpGet(http as number)).body.toString()).toBe('forwarded-ok\n');
  const data = Buffer.alloc(200_000, 0x42);
  expect((await halfCloseExchange(echo as number, data)).equals(data)).toBe(true);
  const [big, sum] = await Promise.all([httpGet(http as number, '/big', 90_000), httpGet(http as number, '/big.sha256')]);
  expect(big.body.length).toBe(BIG_FILE_BYTES);
  expect(createHash('sha256').update(big.body).digest('hex')).toBe(sum.body.toString().trim());
}

describe('cdebug port-forward over TLS', () => {
  let secure: SecureEngine;
  const name = `fwd-tls-${process.pid}`;

  beforeAll(async () => {
    ensureBuilt();
    secure = await startSecureEngine();
    await startForwardTarget((...a) => secure.engine.docker(...a), name);
  }, 240_000);
  afterAll(async () => {
    await secure?.dispose();
  });

  it('reaches a --network none target on a tcp+TLS engine', async () => {
    const env = { DOCKER_HOST: secure.tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: secure.pki.good.dir, DOCKER_CONFIG: config, DOCKER_CONTEXT: undefined };
    await throughForward([name, '-L', String(HTTP_PORT), '-L', String(ECHO_PORT)], env, expectForwarded);
    expect(await secure.engine.docker('ps', '-aq', '--filter', sessionFilter())).toBe('');
  }, 200_000);
});

describe.skipIf(!hasSshd())('cdebug port-forward over ssh:// (needs /usr/sbin/sshd: scripts/ssh.sh installs it)', () => {
  let sshd: TestSshd;
  let engine: PrivateEngine;
  let url: string;
  const name = `fwd-ssh-${process.pid}`;

  beforeAll(async () => {
    ensureBuilt();
    [sshd, engine] = await Promise.all([startSshd(), startPrivateEngine({ images: [BUSYBOX] })]);
    url = `ssh://root@127.0.0.1:${sshd.port}${engine.socketPath}`;
    await startForwardTarget((...a) => engine.docker(...a), name);
  }, 240_000);
  afterAll(async () => {
    await engine?.dispose();
    await sshd?.stop();
  });

  it('reaches a --network none target on an ssh:// engine', async () => {
    const env = { CDEBUG_SSH_COMMAND: sshd.sshCommand, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_CONFIG: config };
    await throughForward(['--host', url, name, '-L', String(HTTP_PORT), '-L', String(ECHO_PORT)], env, expectForwarded);
    expect(await engine.docker('ps', '-aq', '--filter', sessionFilter())).toBe('');
  }, 200_000);
});
