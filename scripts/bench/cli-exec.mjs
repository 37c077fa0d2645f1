// cli_exec_true: the whole `cdebug exec T true` process, started as a user starts it (the
// `cdebug` program: bin/cdebug.js run by its #! line, as npm's bin link runs it), against
// `docker run --rm --pid container:T --network container:T busybox true`.
//
// A third arm, cli_exec_true_node_floor, is the floor under the first: exec-floor.cjs makes the
// same engine calls with cdebug's own sidecar spec from a Node program that does nothing else
// (local unix-socket engines only), in the same environment. Its ratio is what Node and the
// sidecar cost before any of cdebug's code; the gap between the two rows is cdebug's own part.
//
// When NODE_EXTRA_CA_CERTS is set (the build machines set it), Node reads the file and builds
// its whole certificate store while it starts, before any program's code runs (the docker CLI
// does not read the variable): a fourth arm starts cdebug without it, to show that share.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from './env.mjs';
import { sidecarArgs, timeProcess } from './docker-run.mjs';
import { median, summarize } from './stats.mjs';

/** the create body `cdebug exec T true` sends, made by cdebug's own (built) modules; null off a unix socket */
async function floorSpec(target) {
  const { resolveEndpoint } = await import(join(ROOT, 'backend/dist/runtimes/docker/endpoints/resolve.js'));
  const endpoint = resolveEndpoint({}, process.env);
  if (!endpoint.ok || !endpoint.value.host.startsWith('unix://')) return null;
  const { connectEndpoint } = await import(join(ROOT, 'backend/dist/runtimes/docker/api/connect.js'));
  const { dockerodeApi } = await import(join(ROOT, 'backend/dist/runtimes/docker/api/container-api.js'));
  const { inspectTarget } = await import(join(ROOT, 'backend/dist/runtimes/docker/api/target.js'));
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
  const { NODE_EXTRA_CA_CERTS: _, ...withoutExtraCa } = process.env;
  const cdebugWithoutExtraCa = async () => (await timeProcess(CLI, args, { cwd: ROOT, env: withoutExtraCa })).total;
  const docker = async () => (await timeProcess('docker', sidecarArgs(ctx.containers, target, ['true']))).total;
  const floorFiles = await floorSpec(target);
  const floor = floorFiles
    ? async () => (await timeProcess(process.execPath, [join(ROOT, 'scripts/bench/exec-floor.cjs'), floorFiles.socket, target, floorFiles.file])).total
    : null;
  const warmup = 1;
  const runs = ctx.quick ? 3 : 10;
  const as = [];
  const bs = [];
  const cs = [];
  const ds = [];
  try {
    for (let i = 0; i < warmup + runs; i++) {
      const a = await cdebug();
      const b = await docker();
      const c = extraCa ? await cdebugWithoutExtraCa() : null;
      const d = floor ? await floor() : null;
      if (i < warmup) continue;
      as.push(a);
      bs.push(b);
      if (c !== null) cs.push(c);
      if (d !== null) ds.push(d);
      ctx.log(
        `cli_exec_true pair ${i}/${runs}: cdebug ${a.toFixed(0)}, docker ${b.toFixed(0)}${c !== null ? `, cdebug without NODE_EXTRA_CA_CERTS ${c.toFixed(0)}` : ''}${d !== null ? `, node floor ${d.toFixed(0)}` : ''} ms`,
      );
    }
  } finally {
    floorFiles?.dispose();
  }
  const r = summarize(as, bs);
  const rows = [{ metric: 'cli_exec_true', ...r, unit: 'ms', target: 'ratio ≤ 1.6', met: r.ratio <= 1.6 }];
  if (extraCa) rows[0].note = `NODE_EXTRA_CA_CERTS is set here (${extraCa}): Node reads it at every start`;
  if (ds.length > 0) {
    const rd = summarize(ds, bs);
    const own = median(as) - median(ds);
    rows.push({
      metric: 'cli_exec_true_node_floor',
      ...rd,
      unit: 'ms',
      target: "cdebug's own part ≤ 30 ms",
      met: own <= 30,
      note: `the same engine calls and sidecar spec from a Node program that does nothing else (scripts/bench/exec-floor.cjs): cdebug's own part is ${own.toFixed(0)} ms at the median`,
    });
  }
  if (extraCa) {
    const rc = summarize(cs, bs);
    rows.push({
      metric: 'cli_exec_true_without_extra_ca',
      ...rc,
      unit: 'ms',
      target: '—',
      met: null,
      note: `cdebug started without NODE_EXTRA_CA_CERTS: ${(median(as) - median(cs)).toFixed(0)} ms less at the median, Node's own reading of the file`,
    });
  }
  return rows;
}
