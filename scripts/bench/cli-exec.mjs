// cli_exec_true: the whole `cdebug exec T true` process, started as a user starts it (the
// `cdebug` program: bin/cdebug.js run by its #! line, as npm's bin link runs it), against
// `docker run --rm --pid container:T --network container:T busybox true`.
//
// When NODE_EXTRA_CA_CERTS is set (the build machines set it), a third arm starts the same file
// with `node bin/cdebug.js`: Node then reads the variable before any of cdebug's code runs and
// builds its whole certificate store (75-110 ms here), which the program's launcher line avoids
// (bin/cdebug.js says how, and how a TLS engine still gets the file). Both arms run in the
// environment this bench was started with; the docker CLI does not read the variable.
//
// A fourth arm, cli_exec_true_node_floor, is the floor under the first: exec-floor.cjs makes the
// same engine calls with cdebug's own sidecar spec from a Node program that does nothing else
// (local unix-socket engines only). Its ratio is what Node and the sidecar cost before any of
// cdebug's code; the gap between the two rows is cdebug's own part.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT, bundleCurrent, rebundle } from './env.mjs';
import { sidecarArgs, timeProcess } from './docker-run.mjs';
import { median, summarize } from './stats.mjs';

/** the create body `cdebug exec T true` sends, made by cdebug's own (built) modules; null off a unix socket */
async function floorSpec(target) {
  const { resolveEndpoint } = await import(join(ROOT, 'backend/dist/engine/endpoints/resolve.js'));
  const endpoint = resolveEndpoint({}, process.env);
  if (!endpoint.ok || !endpoint.value.host.startsWith('unix://')) return null;
  const { connectEndpoint } = await import(join(ROOT, 'backend/dist/engine/connect.js'));
  const { dockerodeApi } = await import(join(ROOT, 'backend/dist/engine/container-api.js'));
  const { inspectTarget } = await import(join(ROOT, 'backend/dist/engine/target.js'));
  const { buildSidecarSpec } = await import(join(ROOT, 'backend/dist/sidecar/spec.js'));
  const facts = await inspectTarget(dockerodeApi(connectEndpoint(endpoint.value)), target);
  const request = { sessionId: 'floor', owner: 'bench:floor', target: facts, image: 'busybox:latest', cmd: ['true'], user: null, privileged: false, env: {} };
  const { name: _name, ...spec } = buildSidecarSpec({ ...request, tty: false, stdin: false, stdinOnce: false, term: null, size: null });
  const dir = mkdtempSync(join(tmpdir(), 'cdebug-bench-floor-'));
  const file = join(dir, 'spec.json');
  writeFileSync(file, JSON.stringify({ ...spec, HostConfig: { ...spec.HostConfig, AutoRemove: true } }));
  return { socket: decodeURIComponent(new URL(endpoint.value.host).pathname), file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function measure(ctx) {
  const { target } = ctx;
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  const args = ['exec', target, 'true'];
  const cdebug = async () => (await timeProcess(CLI, args, { cwd: ROOT })).total;
  const viaNode = async () => (await timeProcess(process.execPath, [CLI, ...args], { cwd: ROOT })).total;
  const docker = async () => (await timeProcess('docker', sidecarArgs(ctx.containers, target, ['true']))).total;
  const floorFiles = await floorSpec(target);
  // started as the `cdebug` program starts Node for exec: without NODE_EXTRA_CA_CERTS
  const { NODE_EXTRA_CA_CERTS: _, ...floorEnv } = process.env;
  const floor = floorFiles
    ? async () =>
        (await timeProcess(process.execPath, [join(ROOT, 'scripts/bench/exec-floor.cjs'), floorFiles.socket, target, floorFiles.file], { env: floorEnv })).total
    : null;
  const warmup = 1;
  const runs = ctx.quick ? 3 : 10;
  const as = [];
  const bs = [];
  const cs = [];
  const ds = [];
  try {
    for (let i = 0; i < warmup + runs; i++) {
      // Someone editing the CLI's sources in this checkout meanwhile makes bin/cdebug.js fall back
      // to the unbundled build (several times slower): measure the current sources, bundled.
      if (!process.env.CDEBUG_BENCH_CLI && !bundleCurrent()) {
        ctx.log('cli_exec_true: the CLI bundle is older than its sources now: bundling again');
        rebundle();
      }
      const a = await cdebug();
      const b = await docker();
      const c = extraCa ? await viaNode() : null;
      const d = floor ? await floor() : null;
      if (i < warmup) continue;
      as.push(a);
      bs.push(b);
      if (c !== null) cs.push(c);
      if (d !== null) ds.push(d);
      ctx.log(
        `cli_exec_true pair ${i}/${runs}: cdebug ${a.toFixed(0)}, docker ${b.toFixed(0)}${c !== null ? `, node bin/cdebug.js ${c.toFixed(0)}` : ''}${d !== null ? `, node floor ${d.toFixed(0)}` : ''} ms`,
      );
    }
  } finally {
    floorFiles?.dispose();
  }
  const r = summarize(as, bs);
  const rows = [{ metric: 'cli_exec_true', ...r, unit: 'ms', target: 'ratio ≤ 1.2', met: r.ratio <= 1.2 }];
  if (extraCa) {
    const rc = summarize(cs, bs);
    rows[0].note = `NODE_EXTRA_CA_CERTS is set here (${extraCa}); the \`cdebug\` program starts Node without it for \`exec\``;
    rows.push({
      metric: 'cli_exec_true_via_node',
      ...rc,
      unit: 'ms',
      target: '—',
      met: null,
      note: `the same file started as \`node bin/cdebug.js\`, so that Node reads NODE_EXTRA_CA_CERTS at start (median ${(median(cs) - median(as)).toFixed(0)} ms more)`,
    });
  }
  if (ds.length > 0) {
    const rd = summarize(ds, bs);
    rows.push({
      metric: 'cli_exec_true_node_floor',
      ...rd,
      unit: 'ms',
      target: '—',
      met: null,
      note: `the same engine calls and sidecar spec from a Node program that does nothing else (scripts/bench/exec-floor.cjs): cdebug's own part is ${(median(as) - median(ds)).toFixed(0)} ms at the median`,
    });
  }
  return rows;
}
