// Docker contexts, for real: a test HOME whose context store names the shared engine, a private
// engine's unix socket, the same engine over TLS (certificates in the store) and a socket where
// nothing listens. Each engine has a target the others lack, so a run that finds its target
// reached the engine the precedence picks: --host, --context, DOCKER_HOST, DOCKER_CONTEXT,
// config.json's currentContext.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdebug, cdebugExec, describeRun, ensureBuilt, expectCdebugError, takeOwners } from '../helpers/cli.js';
import { expectClean, removeTargets, startTarget, type Target } from '../helpers/docker.js';
import { makeContextHome, type TestHome } from './context-store.js';
import { sessionFilter } from '../kit/engine.js';
import { type SecureEngine, startSecureEngine } from './secure-engine.js';

let secure: SecureEngine;
let shared: Target;
let home: TestHome;
const GONE = '/tmp/cdebug-no-engine-here.sock';

beforeAll(async () => {
  ensureBuilt();
  [secure, shared] = await Promise.all([startSecureEngine(), startTarget()]);
  home = makeContextHome(
    [
      { name: 'private', host: secure.engine.host, description: 'a private dockerd' },
      { name: 'secure', host: secure.tcp, description: 'the same over TLS', tls: secure.pki.good },
      { name: 'shared', host: 'unix:///var/run/docker.sock' },
      { name: 'gone', host: `unix://${GONE}` },
    ],
    'secure',
  );
}, 180_000);
afterAll(async () => {
  await expectClean([shared], takeOwners());
  expect(await secure.engine.docker('ps', '-aq', '--filter', sessionFilter())).toBe('');
  await Promise.all([secure?.dispose(), removeTargets()]);
  if (home) rmSync(home.home, { recursive: true, force: true });
});

/** The environment of a user with that HOME and none of the engine variables, plus `extra`. */
const env = (extra: Record<string, string> = {}) => ({
  HOME: home.home,
  DOCKER_HOST: undefined,
  DOCKER_CONTEXT: undefined,
  DOCKER_CONFIG: undefined,
  DOCKER_TLS_VERIFY: undefined,
  DOCKER_CERT_PATH: undefined,
  ...extra,
});

/**
 * Which engine a run reached: the private one has `secure.target`, the shared one `shared`.
 * `args` go after `exec`, `before` before it (docker's place for its engine flags).
 */
async function reaches(args: string[], extra: Record<string, string> = {}, before: string[] = []): Promise<'private' | 'shared'> {
  const run = (target: string) => cdebug([...before, 'exec', ...args, target, 'cat', '/etc/fixture-release'], { env: env(extra) });
  const [onPrivate, onShared] = await Promise.all([run(secure.target), run(shared.id)]);
  const found = [onPrivate.code === 0 ? 'private' : null, onShared.code === 0 ? 'shared' : null].filter(Boolean);
  expect(found, `${describeRun(onPrivate)}\n${describeRun(onShared)}`).toHaveLength(1);
  // the other engine does not have the target: exactly that error
  const missing = found[0] === 'private' ? onShared : onPrivate;
  // (a name that is neither a container nor a local image there: issue 14 reads images too)
  expectCdebugError(missing, /No container or local image (is )?named|No container named or with id/);
  return found[0] as 'private' | 'shared';
}

describe('cdebug exec picks the engine as the docker CLI does', () => {
  it("uses config.json's currentContext (over TLS, with the context's certificates) when nothing else is set", async () => {
    expect(await reaches([])).toBe('private');
  });

  it('DOCKER_CONTEXT wins over the current context', async () => {
    expect(await reaches([], { DOCKER_CONTEXT: 'shared' })).toBe('shared');
  });

  it('DOCKER_HOST wins over DOCKER_CONTEXT', async () => {
    expect(await reaches([], { DOCKER_CONTEXT: 'private', DOCKER_HOST: 'unix:///var/run/docker.sock' })).toBe('shared');
  });

  it('--context wins over DOCKER_HOST and DOCKER_CONTEXT; -c is the same', async () => {
    expect(await reaches(['--context', 'private'], { DOCKER_CONTEXT: 'shared', DOCKER_HOST: 'unix:///var/run/docker.sock' })).toBe('private');
    expect(await reaches(['-c', 'shared'])).toBe('shared');
  });

  it('takes --context and --host before the command too, as docker does', async () => {
    expect(await reaches([], { DOCKER_CONTEXT: 'shared' }, ['--context', 'private'])).toBe('private');
    expect(await reaches([], {}, ['-c', 'shared'])).toBe('shared');
    expect(await reaches([], { DOCKER_CONTEXT: 'private' }, ['-H', 'unix:///var/run/docker.sock'])).toBe('shared');
    expect(await reaches([], { DOCKER_CONTEXT: 'private' }, ['--host=unix:///var/run/docker.sock'])).toBe('shared');
  });

  it('--host wins over everything', async () => {
    expect(await reaches(['--host', 'unix:///var/run/docker.sock'], { DOCKER_CONTEXT: 'private' })).toBe('shared');
  });

  it('reads the store under DOCKER_CONFIG when it is set', async () => {
    const elsewhere = makeContextHome([{ name: 'mine', host: secure.engine.host }], 'mine');
    try {
      expect(await reaches([], { DOCKER_CONFIG: elsewhere.config })).toBe('private');
    } finally {
      rmSync(elsewhere.home, { recursive: true, force: true });
    }
  });

  it('refuses --host with --context, and a context that does not exist, in one line', async () => {
    expectCdebugError(
      await cdebugExec(['--host', 'unix:///x.sock', '--context', 'private', shared.id, 'true'], { env: env() }),
      /--host or --context, not both/,
    );
    expectCdebugError(await cdebugExec(['--context', 'nope', shared.id, 'true'], { env: env() }), /no Docker context is named "nope".*cdebug contexts/);
    expectCdebugError(
      await cdebug(['--host', 'unix:///x.sock', 'exec', '--context', 'private', shared.id, 'true'], { env: env() }),
      /--host or --context, not both/,
    );
    expectCdebugError(
      await cdebug(['--context', 'private', 'serve'], { env: env() }),
      /--context before the command chooses the engine of `cdebug exec`; `cdebug serve` is given its engines after the command: --engine NAME=URL or --context NAME/,
    );
    expectCdebugError(
      await cdebug(['-H', 'unix:///x.sock', '-c', 'private', 'contexts'], { env: env() }),
      /--host and --context before the command choose the engine of `cdebug exec`; `cdebug contexts` lists every context/,
    );
    expectCdebugError(await cdebug(['--host=', 'exec', shared.id, 'true'], { env: env() }), /^cdebug: --host needs a value/);
    expectCdebugError(await cdebugExec(['--context', '', shared.id, 'true'], { env: env() }), /^cdebug: --context needs a value/);
  });

  it('cdebug serve names the context that does not exist, and refuses one engine under two names', async () => {
    // errors the service raises while it starts read as cdebug's own
    expectCdebugError(await cdebug(['serve', '--port', '0', '--context', 'nope'], { env: env() }), /^cdebug: engine "nope": no Docker context is named "nope"/);
    const twice = ['serve', '--port', '0', '--context', 'shared', '--engine', 'again=unix:///var/run/docker.sock'];
    expectCdebugError(
      await cdebug(twice, { env: env() }),
      /^cdebug: The engines "again" and "shared" are one engine \(unix:\/\/\/var\/run\/docker.sock\): give it once\.$/,
    );
    expectCdebugError(await cdebugExec([shared.id, 'true'], { env: env({ DOCKER_CONTEXT: 'nope' }) }), /"nope"/);
  });

  it('names the context whose engine does not answer', async () => {
    expectCdebugError(
      await cdebugExec(['--context', 'gone', shared.id, 'true'], { env: env() }),
      new RegExp(`The engine of context "gone" at unix://${GONE}: it does not answer \\(ENOENT\\): start it, or pick another context`),
    );
  });
});

describe('cdebug contexts', () => {
  it('lists every context with its endpoint, marks the current one, and says which engines answer', async () => {
    const r = await cdebug(['contexts'], { env: env() });
    expect(r.code, describeRun(r)).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+DESCRIPTION\s+ENDPOINT\s+ENGINE$/);
    const rows = Object.fromEntries(lines.slice(1).map((l) => [l.split(/\s+/)[0] ?? '', l]));
    expect(Object.keys(rows)).toEqual(['default', 'gone', 'private', 'secure', 'shared']);
    expect(rows.secure).toMatch(/^secure \*\s+the same over TLS\s+tcp:\/\/127\.0\.0\.1:\d+ \(TLS\)\s+Docker Engine \S+$/);
    expect(rows.private).toMatch(/Docker Engine/);
    expect(rows.default).toMatch(/unix:\/\/\/var\/run\/docker\.sock\s+Docker Engine/);
    expect(rows.gone).toMatch(/unreachable: it does not answer \(ENOENT\)$/);
  });

  it('gives the same as JSON, and marks the context DOCKER_CONTEXT selects', async () => {
    const r = await cdebug(['contexts', '--json'], { env: env({ DOCKER_CONTEXT: 'private' }) });
    expect(r.code, describeRun(r)).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{
      name: string;
      current: boolean;
      endpoint: { host: string; tls?: { verify: boolean; ca?: string } };
      engine?: { name: string };
      error?: { code: string };
    }>;
    expect(rows.filter((row) => row.current).map((row) => row.name)).toEqual(['private']);
    const secureRow = rows.find((row) => row.name === 'secure');
    expect(secureRow?.endpoint.tls?.verify).toBe(true);
    expect(secureRow?.endpoint.tls?.ca).toContain(join('contexts', 'tls'));
    expect(secureRow?.engine?.name).toBe('Docker Engine');
    expect(rows.find((row) => row.name === 'gone')?.error?.code).toBe('engine_unreachable');
  });

  it('lists without asking the engines with --no-check', async () => {
    const r = await cdebug(['contexts', '--no-check'], { env: env() });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^NAME\s+DESCRIPTION\s+ENDPOINT$/);
    expect(r.stdout).not.toMatch(/unreachable|Docker Engine/);
  });
});
