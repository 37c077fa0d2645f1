#!/usr/bin/env node
// Where a `cdebug` command's time goes, engine call by engine call: runs it with DOCKER_HOST on a
// unix-socket proxy in front of the engine and prints, in ms from the spawn, when each API request
// was sent and when its answer's status line came back, then the command's first stdout byte and
// its exit. Nothing is changed on the way (the bytes pass as they are).
//
//   node scripts/bench/trace-api.mjs exec ORIGINAL sh -c 'echo ready'
//   ENGINE_SOCKET=/run/cdebug-podman.sock node scripts/bench/trace-api.mjs exec ...
//   CDEBUG_BENCH_CLI=/other/checkout/backend/bin/cdebug.js node scripts/bench/trace-api.mjs ...
//
// Each connection is numbered (c1, c2, ...): requests on different ones ran at the same time.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './env.mjs';

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\/\S*) HTTP\/1\.[01]\r\n/g;
const engineSocket = process.env.ENGINE_SOCKET ?? (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
const dir = mkdtempSync(join(tmpdir(), 'cdebug-trace-'));
const socketPath = join(dir, 'engine.sock');

let t0 = 0;
const lines = [];
const note = (text) => lines.push(`${(performance.now() - t0).toFixed(0).padStart(6)}  ${text}`);
/** the path without the API version, ids shortened to 12 characters, the query cut */
const short = (path) =>
  path
    .replace(/^\/v\d+\.\d+/, '')
    .replace(/[0-9a-f]{64}/g, (id) => id.slice(0, 12))
    .slice(0, 80);

let connections = 0;
const server = createServer((client) => {
  const c = `c${++connections}`;
  const upstream = createConnection(engineSocket);
  const pending = [];
  client.on('data', (chunk) => {
    for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
      const what = `${m[1]} ${short(m[2])}`;
      pending.push(what);
      note(`${c} -> ${what}`);
    }
    upstream.write(chunk);
  });
  upstream.on('data', (chunk) => {
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString('latin1', 0, 16));
    if (status) note(`${c} <- ${status[1]} ${pending.shift() ?? ''}`);
    client.write(chunk);
  });
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  for (const s of [client, upstream]) {
    s.on('close', close);
    s.on('error', close);
  }
});
await new Promise((resolve) => server.listen(socketPath, resolve));

t0 = performance.now();
const child = spawn(CLI, process.argv.slice(2), { env: { ...process.env, DOCKER_HOST: `unix://${socketPath}` }, stdio: ['ignore', 'pipe', 'pipe'] });
let first = true;
child.stdout.on('data', () => {
  if (first) note('stdout: first byte');
  first = false;
});
child.stderr.on('data', (d) => note(`stderr: ${String(d).trim().slice(0, 70)}`));
child.on('close', (code) => {
  note(`exit ${code}`);
  console.log(lines.join('\n'));
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = code ?? 1;
});
