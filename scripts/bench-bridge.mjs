#!/usr/bin/env node
// Throughput of the WebSocket bridge next to a raw hijacked attach to the same kind of
// sidecar, in one run (the engine's pty copy is the bottleneck, so the bridge is judged as a
// ratio). Also the time from Ctrl-C to a fresh prompt during a flood through the bridge.
//
//   npm run build -w backend && node scripts/bench-bridge.mjs [MB]
//
// Needs a Docker engine and the fixture images (scripts/fixtures.sh). Starts one distroless
// target and `cdebug serve` on a free loopback port; removes both at the end.

import { execFileSync, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import WebSocket from 'ws';

const dist = (p) => new URL(`../backend/dist/${p}`, import.meta.url).href;
const { connectEngine } = await import(dist('engine/connect.js'));
const { prepareDebug, launchDebug } = await import(dist('engine/debug.js'));

const MB = Number(process.argv[2] ?? 50);
const BYTES = MB * 1_000_000;
const COMMAND = `head -c ${BYTES} /dev/zero | tr '\\0' a; echo; echo BENCH-$((1+1))-DONE\r`;
const MARK = 'BENCH-2-DONE';
const TOKEN = `bench-${Date.now()}-token-0123456789`;
const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stage = (what) => process.env.BENCH_DEBUG && process.stderr.write(`bench: ${what}\n`);

/** watches a byte stream for a marker across chunk boundaries */
function watcher(mark) {
  let tail = '';
  let bytes = 0;
  return {
    push(chunk) {
      bytes += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-256);
      return tail.includes(mark);
    },
    get bytes() {
      return bytes;
    },
    reset() {
      tail = '';
      bytes = 0;
    },
  };
}

const target = docker('run', '-d', '--network', 'none', '--label', 'io.cdebug.fixture=1', 'cdebug-fixture/distroless:latest');
let server;
const results = {};
// a timeout or Ctrl-C still removes the target and stops the service
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server?.kill('SIGTERM');
    try {
      docker('rm', '-f', target);
    } catch {}
    process.exit(130);
  });
}
try {
  // ---- raw: the engine module's own hijacked attach
  {
    const engine = connectEngine();
    const prepared = await prepareDebug(engine, {
      target, tty: true, stdin: true, stdinOnce: false, term: 'xterm-256color', owner: `bench:${hostname()}:${process.pid}`, cols: 80, rows: 24,
    });
    const handle = await launchDebug(engine, prepared);
    stage('raw sidecar started');
    const w = watcher('# ');
    await new Promise((resolve) => {
      const on = (c) => w.push(c) && (handle.output.off('data', on), resolve());
      handle.output.on('data', on);
    });
    stage('raw prompt');
    const m = watcher(MARK);
    const t0 = process.hrtime.bigint();
    await new Promise((resolve) => {
      const on = (c) => m.push(c) && (handle.output.off('data', on), resolve());
      handle.output.on('data', on);
      handle.write(Buffer.from(COMMAND));
    });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    results.raw = { bytes: m.bytes, seconds: s, mbps: m.bytes / 1e6 / s };
    await handle.stop();
  }

  // ---- bridge: cdebug serve in its own process, a ws client that acknowledges like the UI
  server = spawn(process.execPath, [new URL('../backend/bin/cdebug.js', import.meta.url).pathname, 'serve', '--port', '0', '--token', TOKEN], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CDEBUG_LOG_LEVEL: 'error' },
  });
  const url = await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(d.toString());
      if (m) resolve(`127.0.0.1:${m[1]}`);
    });
    server.once('exit', () => reject(new Error('cdebug serve exited')));
  });
  const res = await fetch(`http://${url}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ target, cols: 80, rows: 24 }),
  });
  const session = await res.json();
  stage(`session ${session.id}`);
  const ws = new WebSocket(`ws://${url}/api/sessions/${session.id}/attach?token=${TOKEN}`, { perMessageDeflate: false });
  await new Promise((r) => ws.once('open', r));
  let received = 0;
  let acked = 0;
  let current = null;
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      const frame = JSON.parse(data.toString());
      if (frame.type === 'snapshot' && current) current(Buffer.from(frame.data));
      return;
    }
    received += data.length;
    if (process.env.BENCH_DEBUG === '2') process.stderr.write(`[${data.length}]`);
    if (received - acked >= 64 * 1024) {
      acked = received;
      ws.send(JSON.stringify({ type: 'ack', bytes: received }));
    }
    current?.(data);
  });
  const until = (mark, action) =>
    new Promise((resolve) => {
      const w = watcher(mark);
      current = (c) => {
        if (w.push(c)) {
          current = null;
          resolve(w.bytes);
        }
      };
      action?.();
    });
  await until('# ');
  stage('bridge prompt');
  const t0 = process.hrtime.bigint();
  const bytes = await until(MARK, () => ws.send(Buffer.from(COMMAND)));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  results.bridge = { bytes, seconds: s, mbps: bytes / 1e6 / s };

  // ---- Ctrl-C during a flood, through the bridge
  const latencies = [];
  for (let i = 0; i < 3; i++) {
    stage(`flood ${i}`);
    await until('FLOODING', () => ws.send(Buffer.from("echo FLOOD''ING; cat /dev/urandom | base64\r")));
    await sleep(1500);
    const c0 = process.hrtime.bigint();
    // the tty discards what is typed along with ^C: wait for the prompt (base64 has no '#')
    await until('# ', () => ws.send(Buffer.from([3])));
    latencies.push(Number(process.hrtime.bigint() - c0) / 1e6);
    await until(`INT-${i}-OK`, () => ws.send(Buffer.from(`echo INT-${i}-O''K\r`)));
  }
  results.ctrlC = latencies;
  ws.close();
  await fetch(`http://${url}/api/sessions/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
} finally {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  docker('rm', '-f', target);
}

const fmt = (r) => `${(r.bytes / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(2)} s = ${r.mbps.toFixed(2)} MB/s`;
console.log(`raw hijacked attach : ${fmt(results.raw)}`);
console.log(`WebSocket bridge    : ${fmt(results.bridge)}  (${((results.bridge.mbps / results.raw.mbps) * 100).toFixed(0)}% of raw)`);
console.log(`Ctrl-C to prompt during a flood, through the bridge: ${results.ctrlC.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
