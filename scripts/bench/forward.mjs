// Port-forward benchmarks, side by side with the same bytes carried by hand: `docker exec -i
// <the forward's helper> nc 127.0.0.1 PORT`. The target is busybox with `--network none`,
// serving HTTP on its loopback only; the forward is `cdebug port-forward` (the CLI) on a free
// local port.
//   forward_throughput: MB/s of a large file (100 MB; 20 MB --quick), connect to last byte
//   forward_connect_p50: ms from connect to the first byte of a small HTTP answer, median

import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { CLI, docker, TOOLKIT } from './env.mjs';
import { alternate, now } from './stats.mjs';

const PORT = 8080;

function startTarget(ctx, bytes) {
  const script = `mkdir -p /www; echo ok > /www/index.html; head -c ${bytes} /dev/zero > /www/big; httpd -p 127.0.0.1:${PORT} -h /www; echo ready; exec sleep 100000`;
  const id = docker('run', '-d', '--network', 'none', ...ctx.containers.labelArgs, TOOLKIT, 'sh', '-c', script);
  ctx.containers.targets.push(id);
  return id;
}

async function until(probe, what, ms = 60_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `cdebug port-forward TARGET -L 0:PORT`: its local port and its helper container */
async function startForward(target) {
  const child = spawn(process.execPath, [CLI, 'port-forward', target, '-L', `0:${PORT}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (err += c));
  const port = await until(() => {
    if (child.exitCode !== null) throw new Error(`cdebug port-forward ended: ${err}`);
    return Number(/^127\.0\.0\.1:(\d+) -> /m.exec(out)?.[1]) || null;
  }, 'the forward');
  const helper = docker('ps', '-q', '--filter', `label=io.cdebug.forward`, '--filter', `label=io.cdebug.target=${target}`);
  if (!helper || helper.includes('\n')) throw new Error(`expected one forward helper, found ${JSON.stringify(helper)}`);
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
  return { port, helper, stop };
}

const request = (path) => Buffer.from(`GET ${path} HTTP/1.0\r\nHost: bench\r\n\r\n`);

/** through the forward: { firstByteMs, totalMs, bytes } */
function viaForward(port, path) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let first = null;
    let bytes = 0;
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(request(path)));
    socket.on('data', (c) => {
      first ??= now();
      bytes += c.length;
    });
    socket.on('end', () => resolve({ firstByteMs: first - t0, totalMs: now() - t0, bytes }));
    socket.on('error', reject);
  });
}

/** by hand: `docker exec -i HELPER nc 127.0.0.1 PORT`, the request on its stdin */
function viaDockerExec(helper, path) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let first = null;
    let bytes = 0;
    const child = spawn('docker', ['exec', '-i', helper, 'nc', '127.0.0.1', String(PORT)], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.on('data', (c) => {
      first ??= now();
      bytes += c.length;
    });
    child.on('error', reject);
    child.on('close', () => resolve({ firstByteMs: first - t0, totalMs: now() - t0, bytes }));
    // the request, and no end of input: nc would shut its side down, httpd answers either way
    child.stdin.write(request(path));
    child.stdin.end();
  });
}

async function withForward(ctx, bytes, work) {
  const target = startTarget(ctx, bytes);
  await until(() => docker('logs', target).includes('ready'), 'the target');
  const forward = await startForward(target);
  try {
    return await work(forward);
  } finally {
    await forward.stop();
  }
}

const sizeOf = (ctx) => (ctx.quick ? 20 : 100) * 1_000_000;

export function measureThroughput(ctx) {
  const bytes = sizeOf(ctx);
  return withForward(ctx, bytes, async ({ port, helper }) => {
    const mbps = (r) => {
      if (r.bytes < bytes) throw new Error(`only ${r.bytes} of ${bytes} bytes arrived`);
      return r.bytes / 1e6 / (r.totalMs / 1000);
    };
    const r = await alternate({
      warmup: 1,
      runs: ctx.quick ? 3 : 5,
      label: 'forward_throughput',
      log: ctx.log,
      a: async () => mbps(await viaForward(port, '/big')),
      b: async () => mbps(await viaDockerExec(helper, '/big')),
    });
    return [
      {
        metric: 'forward_throughput',
        ...r,
        unit: 'MB/s',
        target: 'ratio ≥ 0.9',
        met: r.ratio >= 0.9,
        note: `${bytes / 1e6} MB per run, vs docker exec -i <helper> nc`,
      },
    ];
  });
}

export function measureConnect(ctx) {
  return withForward(ctx, 1000, async ({ port, helper }) => {
    const r = await alternate({
      warmup: 2,
      runs: ctx.quick ? 11 : 31,
      label: 'forward_connect_p50',
      log: ctx.log,
      a: async () => (await viaForward(port, '/')).firstByteMs,
      b: async () => (await viaDockerExec(helper, '/')).firstByteMs,
    });
    return [
      {
        metric: 'forward_connect_p50',
        ...r,
        unit: 'ms',
        target: 'ratio ≤ 1.0',
        met: r.ratio <= 1.0,
        note: 'connect to the first byte of a small HTTP answer, vs docker exec -i <helper> nc',
      },
    ];
  });
}
