// cli_exec_true: the whole `cdebug exec T true` process, started as a user starts it (the
// `cdebug` program: bin/cdebug.js run by its #! line, as npm's bin link runs it), against
// `docker run --rm --pid container:T --network container:T busybox true`.
//
// When NODE_EXTRA_CA_CERTS is set (the build machines set it), a third arm starts the same file
// with `node bin/cdebug.js`: Node then reads the variable before any of cdebug's code runs and
// builds its whole certificate store (75-110 ms here), which the program's launcher line avoids
// (bin/cdebug.js says how, and how a TLS engine still gets the file). Both arms run in the
// environment this bench was started with; the docker CLI does not read the variable.

import { CLI, ROOT, bundleCurrent, rebundle } from './env.mjs';
import { sidecarArgs, timeProcess } from './docker-run.mjs';
import { median, summarize } from './stats.mjs';

export async function measure(ctx) {
  const { target } = ctx;
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  const args = ['exec', target, 'true'];
  const cdebug = async () => (await timeProcess(CLI, args, { cwd: ROOT })).total;
  const viaNode = async () => (await timeProcess(process.execPath, [CLI, ...args], { cwd: ROOT })).total;
  const docker = async () => (await timeProcess('docker', sidecarArgs(ctx.containers, target, ['true']))).total;
  const warmup = 1;
  const runs = ctx.quick ? 3 : 10;
  const as = [];
  const bs = [];
  const cs = [];
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
    if (i < warmup) continue;
    as.push(a);
    bs.push(b);
    if (c !== null) cs.push(c);
    ctx.log(`cli_exec_true pair ${i}/${runs}: cdebug ${a.toFixed(0)}, docker ${b.toFixed(0)}${c !== null ? `, node bin/cdebug.js ${c.toFixed(0)}` : ''} ms`);
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
  return rows;
}
