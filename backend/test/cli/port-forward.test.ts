// `cdebug port-forward` end to end against the real engine (Docker here, Podman in the
// integration-podman project): a `--network none` target serving on 127.0.0.1 only, reached
// through the engine's API. Half-close, a 20 MB transfer, 150 connections at once, a refused
// port, a port in use, a stopped target, a target dying mid-forward, and nothing left behind.

import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, cdebug, describeRun, ensureBuilt, expectCdebugError, startCli, takeOwners } from '../helpers/cli.js';
import { docker, sidecarsOf } from '../helpers/docker.js';
import {
  BIG_FILE_BYTES,
  CLOSED_PORT,
  ECHO_PORT,
  HTTP_PORT,
  halfCloseExchange,
  httpGet,
  refusedExchange,
  startForwardTarget,
} from '../helpers/forward-target.js';
import { poll } from '../kit/engine.js';

const targets: string[] = [];
let target: { id: string; name: string };

beforeAll(async () => {
  ensureBuilt();
  target = await startForwardTarget(docker, `fwd-cli-${process.pid}-${Date.now().toString(36)}`);
  targets.push(target.id);
}, 120_000);

afterEach(async () => {
  // every helper goes with its CLI run: none of these runs' owners, none on these targets
  const owners = takeOwners();
  const left = await poll(
    () => sidecarsOf(targets, owners),
    (l) => l.length === 0,
    'no forward helper left',
    5000,
  ).catch(() => sidecarsOf(targets, owners));
  expect(left, 'forward helpers left behind').toEqual([]);
});

afterAll(async () => {
  if (targets.length > 0) await docker('rm', '-f', ...targets).catch(() => undefined);
});

interface Forwarding {
  run: CliRun;
  /** local port per -L, in order */
  ports: number[];
  lines: string[];
}

/** starts `cdebug port-forward` and waits for its lines: one per -L */
async function forward(args: string[], expected: number): Promise<Forwarding> {
  const run = startCli(['port-forward', ...args], { timeoutMs: 120_000 });
  let out = '';
  run.child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  await poll(
    async () => {
      if (run.child.exitCode !== null) throw new Error(`the CLI ended early: ${describeRun(await run.result)}`);
      return out.split('\n').filter(Boolean);
    },
    (lines) => lines.length >= expected,
    'the forward lines',
    60_000,
  );
  const lines = out.split('\n').filter(Boolean);
  const ports = lines.map((l) => Number(/^127\.0\.0\.1:(\d+) -> /.exec(l)?.[1]));
  return { run, ports, lines };
}

async function stop(f: Forwarding): Promise<void> {
  f.run.child.kill('SIGINT');
  const result = await f.run.result;
  expect(result.code, describeRun(result)).toBe(0);
}

describe('cdebug port-forward', () => {
  it('reaches HTTP on 127.0.0.1 inside a --network none target, prints one line per forward, and removes its helpers on Ctrl-C', async () => {
    const f = await forward([target.name, '-L', `0:${HTTP_PORT}`, '-L', String(ECHO_PORT)], 2);
    expect(f.lines[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+ -> ${target.name}:${HTTP_PORT}$`));
    expect(f.lines[1]).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+ -> ${target.name}:${ECHO_PORT}$`));
    const answer = await httpGet(f.ports[0] as number);
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('forwarded-ok\n');
    expect(await sidecarsOf([target.id])).toHaveLength(2);
    await stop(f);
  });

  it('half-closes: the client sends, ends its side, and still gets every byte back', async () => {
    const f = await forward([target.name, '-L', String(ECHO_PORT)], 1);
    const data = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    const back = await halfCloseExchange(f.ports[0] as number, data);
    expect(back.length).toBe(data.length);
    expect(back.equals(data)).toBe(true);
    await stop(f);
  });

  it('carries 20 MB unchanged (checksum)', async () => {
    const f = await forward([target.name, '-L', String(HTTP_PORT)], 1);
    const port = f.ports[0] as number;
    const [big, sum] = await Promise.all([httpGet(port, '/big', 60_000), httpGet(port, '/big.sha256')]);
    expect(big.body.length).toBe(BIG_FILE_BYTES);
    expect(createHash('sha256').update(big.body).digest('hex')).toBe(sum.body.toString().trim());
    await stop(f);
  });

  it('carries 150 connections opened at once, none lost', async () => {
    const f = await forward([target.name, '-L', String(HTTP_PORT)], 1);
    const answers = await Promise.all(Array.from({ length: 150 }, () => httpGet(f.ports[0] as number, '/', 90_000)));
    expect(answers.filter((a) => a.status === 200 && a.body.toString() === 'forwarded-ok\n')).toHaveLength(150);
    await stop(f);
  }, 120_000);

  it('closes a connection to a port nothing listens on at once, and goes on forwarding', async () => {
    const f = await forward([target.name, '-L', String(CLOSED_PORT), '-L', String(HTTP_PORT)], 2);
    expect(await refusedExchange(f.ports[0] as number)).toEqual({ bytes: 0, closed: true });
    expect(await refusedExchange(f.ports[0] as number)).toEqual({ bytes: 0, closed: true });
    expect((await httpGet(f.ports[1] as number)).status).toBe(200);
    expect(f.run.child.exitCode).toBeNull();
    await stop(f);
  });

  it('names a local port in use, and starts nothing', async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      expectCdebugError(await cdebug(['port-forward', target.name, '-L', `${port}:${HTTP_PORT}`]), new RegExp(`127\\.0\\.0\\.1:${port}.*in use`));
    } finally {
      taken.close();
    }
  });

  it('refuses bad specs, a missing -L and a non-loopback address without --address, before asking the engine', async () => {
    const noEngine = { env: { DOCKER_HOST: 'unix:///nonexistent/cdebug-test/docker.sock' } };
    expectCdebugError(await cdebug(['port-forward', target.name, '-L', '8080:'], noEngine), /-L 8080:/);
    expectCdebugError(await cdebug(['port-forward', target.name, '-L', '70000'], noEngine), /70000/);
    expectCdebugError(await cdebug(['port-forward', target.name], noEngine), /-L/);
    expectCdebugError(await cdebug(['port-forward', target.name, '-L', '0.0.0.0:0:127.0.0.1:80'], noEngine), /--address 0\.0\.0\.0/);
    expectCdebugError(await cdebug(['port-forward', '-L', '80'], noEngine), /container/i);
  });

  it('refuses a stopped target and a missing one', async () => {
    const stopped = await docker(
      'create',
      '--network',
      'none',
      '--label',
      'io.cdebug.fixture=1',
      '--name',
      `fwd-cli-stopped-${process.pid}`,
      'busybox:latest',
      'true',
    );
    targets.push(stopped);
    expectCdebugError(await cdebug(['port-forward', stopped, '-L', '80']), /not running/);
    expectCdebugError(await cdebug(['port-forward', `fwd-no-such-${process.pid}`, '-L', '80']), /No container/);
  });

  it('ends with a clear error when the target dies mid-forward, and leaves nothing behind', async () => {
    const dying = await startForwardTarget(docker, `fwd-cli-dying-${process.pid}-${Date.now().toString(36)}`);
    targets.push(dying.id);
    const f = await forward([dying.name, '-L', String(HTTP_PORT)], 1);
    expect((await httpGet(f.ports[0] as number)).status).toBe(200);
    await docker('kill', dying.id);
    const result = await f.run.result;
    expect(result.code, describeRun(result)).toBe(125);
    expect(result.stderr).toMatch(/stopped/);
    await expect(refusedExchange(f.ports[0] as number)).resolves.toEqual({ bytes: 0, closed: true });
  });
});
