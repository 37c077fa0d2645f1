#!/usr/bin/env node
// The floor of time_to_prompt_stopped's technique, with no Node and no cdebug in it: three ways
// from an exited container to a first byte, all typed with the docker CLI, alternated (A B C A B C
// ...) after a warm-up, medians printed (docs/DEBUG-STOPPED.md, "The floor"):
//   hand      docker commit, then docker run of the commit (the benchmark's baseline);
//   today     cdebug's copy technique by hand: commit, create the copy, docker cp the static
//             busybox in, start it, then a sidecar joining its PID and network namespaces;
//   reversed  the sidecar first, beside the commit; the copy joins the sidecar's PID namespace
//             and runs the toolkit's busybox through /proc/1/root (no copy of any file); the
//             sidecar finds the copy's process by a marker in its command line (a polling loop:
//             good enough for a floor, not how cdebug would wait).
//
//   node scripts/bench/stopped-floor.mjs ORIGINAL [RUNS]     (RUNS defaults to 5)
// Needs busybox:latest; makes and removes containers and images named cdebug-floor-*.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeProcess } from './docker-run.mjs';
import { TOOLKIT } from './env.mjs';

const [original, runsArg] = process.argv.slice(2);
if (!original) {
  console.error('usage: node scripts/bench/stopped-floor.mjs ORIGINAL [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const labels = ['--label', 'io.cdebug.fixture=1'];
const quiet = (...args) => spawnSync('docker', args, { stdio: 'ignore' });
const docker = (...args) => timeProcess('docker', args);
const now = () => performance.now();

// the static busybox the copy's PID 1 runs, as cdebug puts it in (/.cdebug/busybox)
const dir = mkdtempSync(join(tmpdir(), 'cdebug-floor-'));
mkdirSync(join(dir, '.cdebug'));
const reader = spawnSync('docker', ['create', ...labels, TOOLKIT], { encoding: 'utf8' }).stdout.trim();
const busybox = spawnSync('docker', ['cp', `${reader}:/bin/busybox`, '-'], { maxBuffer: 1 << 26 }).stdout;
quiet('rm', '-f', reader);
const tar = spawnSync('tar', ['-xO'], { input: busybox, maxBuffer: 1 << 26 }).stdout;
writeFileSync(join(dir, '.cdebug', 'busybox'), tar);
chmodSync(join(dir, '.cdebug', 'busybox'), 0o755);

/** ms from t0 to the first byte of a docker command that ran last */
const firstAt = (t0, r) => now() - t0 - r.total + r.first;

async function hand() {
  const t0 = now();
  await docker('commit', original, 'cdebug-floor-hand:1');
  const r = await docker('run', '--rm', '--network', 'none', ...labels, 'cdebug-floor-hand:1', 'sh', '-c', 'echo ready');
  const t = firstAt(t0, r);
  quiet('rmi', '-f', 'cdebug-floor-hand:1');
  return t;
}

async function today() {
  const t0 = now();
  await docker('commit', original, 'cdebug-floor-today:1');
  await docker(
    'create',
    '--name',
    'cdebug-floor-copy',
    ...labels,
    '--network',
    'none',
    '--entrypoint',
    '/.cdebug/busybox',
    'cdebug-floor-today:1',
    'sleep',
    '1000',
  );
  await docker('cp', `${dir}/.`, 'cdebug-floor-copy:/');
  await docker('start', 'cdebug-floor-copy');
  const sidecar = ['--cap-add', 'SYS_PTRACE', '--pid', 'container:cdebug-floor-copy', '--network', 'container:cdebug-floor-copy'];
  const r = await docker('run', '--rm', ...labels, ...sidecar, TOOLKIT, 'chroot', '/proc/1/root', '/.cdebug/busybox', 'echo', 'ready');
  const t = firstAt(t0, r);
  quiet('rm', '-f', 'cdebug-floor-copy');
  quiet('rmi', '-f', 'cdebug-floor-today:1');
  return t;
}

async function reversed() {
  // the marker is split in the script's own text, so that the loop never finds itself
  const wait =
    'while :; do for d in /proc/[0-9]*; do case "$(cat $d/cmdline 2>/dev/null)" in *floor-mark"er"*) exec chroot $d/root /proc/1/root/bin/busybox echo ready;; esac; done; sleep 0.01; done';
  // its first byte, from its own spawn, is this way's time: it starts first
  const side = docker('run', '--rm', '--name', 'cdebug-floor-sidecar', ...labels, '--cap-add', 'SYS_PTRACE', '--network', 'none', TOOLKIT, 'sh', '-c', wait);
  await docker('commit', original, 'cdebug-floor-rev:1');
  const copy = ['--cap-add', 'SYS_PTRACE', '--pid', 'container:cdebug-floor-sidecar', '--network', 'none', '--entrypoint', '/proc/1/root/bin/busybox'];
  await docker('create', '--name', 'cdebug-floor-rcopy', ...labels, ...copy, 'cdebug-floor-rev:1', 'sh', '-c', 'sleep 1000; : floor-marker');
  await docker('start', 'cdebug-floor-rcopy');
  const r = await side;
  quiet('rm', '-f', 'cdebug-floor-rcopy');
  quiet('rmi', '-f', 'cdebug-floor-rev:1');
  return r.first;
}

const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ways = { hand, today, reversed };
const times = { hand: [], today: [], reversed: [] };
try {
  for (let i = 0; i <= runs; i++) {
    for (const [name, way] of Object.entries(ways)) {
      const t = await way();
      if (i > 0) times[name].push(t);
    }
    if (i > 0)
      console.error(
        `run ${i}: ${Object.entries(times)
          .map(([k, v]) => `${k} ${v.at(-1).toFixed(0)}`)
          .join(', ')}`,
      );
  }
  for (const [name, xs] of Object.entries(times)) console.log(`${name}: median ${median(xs).toFixed(0)} ms [${xs.map((x) => x.toFixed(0)).join(' ')}]`);
  console.log(`today/hand ${(median(times.today) / median(times.hand)).toFixed(2)}, reversed/hand ${(median(times.reversed) / median(times.hand)).toFixed(2)}`);
} finally {
  quiet('rm', '-f', 'cdebug-floor-copy', 'cdebug-floor-rcopy', 'cdebug-floor-sidecar');
  quiet('rmi', '-f', 'cdebug-floor-hand:1', 'cdebug-floor-today:1', 'cdebug-floor-rev:1');
  rmSync(dir, { recursive: true, force: true });
}
