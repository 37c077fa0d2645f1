#!/usr/bin/env node
// cdebug's benchmarks, side by side with the engine's own tools in the same run (issue 6).
//
//   npm run bench [-- --quick] [-- --json FILE] [-- --only metric,metric]
//
// Needs what `npm ci` gives; brings an engine up (scripts/engine.sh), builds the fixture images
// (scripts/fixtures.sh) and the backend when they are missing, starts one target container and
// `cdebug serve` on a free loopback port, and removes every container it made at the end.
// Each side-by-side pair is measured alternately (A B A B ...) after a warm-up; medians are
// reported and ratios taken pair by pair. Prints a markdown table on stdout (progress goes to
// stderr). Exits 1 only when a metric could not be measured; a missed target is marked instead.

import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Containers, prepare, startService } from './bench/env.mjs';
import { table, writeJson } from './bench/report.mjs';
import { ROWS_OF, selectMetrics } from './bench/select.mjs';

const METRICS = [
  ['ui_initial_js_gzip', () => import('./bench/ui-size.mjs'), false],
  ['cli_exec_true', () => import('./bench/cli-exec.mjs'), true],
  ['time_to_prompt', () => import('./bench/time-to-prompt.mjs'), true],
  ['time_to_prompt_stopped', () => import('./bench/time-to-prompt-stopped.mjs'), true],
  ['echo_latency', () => import('./bench/echo-latency.mjs'), true],
  ['throughput', () => import('./bench/throughput.mjs'), true],
  ['interrupt_during_flood', () => import('./bench/interrupt.mjs'), true],
  ['memory_per_session', () => import('./bench/memory.mjs'), true],
  ['concurrent_sessions', () => import('./bench/concurrent.mjs'), true],
  ['forward_throughput', () => import('./bench/forward_throughput.mjs'), true],
  ['forward_connect_p50', () => import('./bench/forward_connect_p50.mjs'), true],
  ['idle_engine_calls_per_min', () => import('./bench/idle-calls.mjs'), true],
  ['event_to_screen', () => import('./bench/event-to-screen.mjs'), true],
  ['catalog_1000_first_paint', () => import('./bench/catalog-1000.mjs'), true],
];

function parse(argv) {
  const opts = { quick: false, json: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--json') opts.json = argv[++i];
    else if (a.startsWith('--json=')) opts.json = a.slice(7);
    else if (a === '--only') opts.only = argv[++i]?.split(',');
    else if (a.startsWith('--only=')) opts.only = a.slice(7).split(',');
    else if (a === '-h' || a === '--help') {
      console.log('Usage: npm run bench -- [--quick] [--json FILE] [--only METRIC,...]');
      console.log(`Metrics: ${METRICS.map(([n]) => n).join(', ')}`);
      console.log(`Rows measured by one of them: ${Object.values(ROWS_OF).flat().join(', ')}`);
      process.exit(0);
    } else {
      console.error(`bench: unknown argument ${a} (see --help)`);
      process.exit(2);
    }
    if ((a === '--json' && !opts.json) || (a === '--only' && !opts.only)) {
      console.error(`bench: ${a} needs a value`);
      process.exit(2);
    }
  }
  if (opts.only) {
    const picked = selectMetrics(
      opts.only,
      METRICS.map(([n]) => n),
    );
    if (picked.unknown !== undefined) {
      const rows = Object.values(ROWS_OF).flat();
      console.error(`bench: unknown metric ${picked.unknown} (metrics: ${[...METRICS.map(([n]) => n), ...rows].join(', ')})`);
      process.exit(2);
    }
    opts.only = picked.modules;
  }
  return opts;
}

const opts = parse(process.argv.slice(2));
const started = Date.now();
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
const selected = METRICS.filter(([name]) => !opts.only || opts.only.includes(name));
const runId = randomBytes(6).toString('hex');
const containers = new Containers(runId);
let service = null;

async function cleanup() {
  await service?.stop().catch((err) => log(`stopping the service: ${err.message}`));
  service = null;
  const { removed, leftSidecars } = containers.cleanup();
  if (leftSidecars > 0) log(`warning: ${leftSidecars} sidecar(s) were still there after the service stopped (removed now)`);
  log(`removed ${removed} container(s) this run made`);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

const rows = [];
const failures = [];
let ctx = { quick: opts.quick, log };
try {
  log(`${opts.quick ? 'quick' : 'full'} run ${runId} on ${cpus().length} cores`);
  if (selected.some(([, , engine]) => engine)) {
    prepare(log);
    const target = containers.startTarget();
    service = await startService({ token: `bench-${runId}-${randomBytes(12).toString('hex')}` });
    log(`target ${target.slice(0, 12)}, service on ${service.base} (pid ${service.pid})`);
    ctx = { ...ctx, target, service, containers, runId };
  }
  for (const [name, load] of selected) {
    if (interrupted) break;
    const t0 = Date.now();
    log(`-- ${name}`);
    const { measure } = await load();
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await measure(ctx);
        rows.push(...results);
        for (const r of results)
          log(
            `${r.metric}: cdebug ${r.cdebug?.toFixed?.(2)} ${r.unit}, baseline ${r.baseline?.toFixed?.(2) ?? '—'}, ratio ${r.ratio?.toFixed?.(2) ?? '—'} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
          );
        break;
      } catch (err) {
        // scripts/test.sh, run by someone else on the same engine, removes every fixture container
        if (attempt === 1 && ctx.target && !containers.running(ctx.target)) {
          log(`${name}: the target is gone (${err.message}); once more with a new one`);
          ctx = { ...ctx, target: containers.startTarget() };
          continue;
        }
        log(`${name} could not be measured: ${err.stack ?? err}`);
        failures.push({ metric: name, error: err.message ?? String(err) });
        break;
      }
    }
  }
} catch (err) {
  log(`setup failed: ${err.stack ?? err}`);
  failures.push({ metric: 'setup', error: err.message ?? String(err) });
} finally {
  await cleanup();
}

console.log(`\n${table(rows, failures)}\n`);
console.log(`${opts.quick ? 'Quick' : 'Full'} run, ${cpus().length} cores, ${((Date.now() - started) / 1000).toFixed(0)} s.`);
if (opts.json) {
  writeJson(opts.json, rows);
  log(`wrote ${opts.json}`);
}
process.exitCode = failures.length > 0 ? 1 : 0;
