// cli_exec_true: the whole `cdebug exec T true` process against
// `docker run --rm --pid container:T --network container:T busybox true`.
//
// Node reads NODE_EXTRA_CA_CERTS at start and builds its whole certificate store then, which
// costs some 100 ms on the build machines (where it is set) before any of cdebug's code runs;
// the docker CLI does not read it. When it is set, a third arm runs cdebug without it, so that
// the table shows both what this environment costs and what cdebug itself does.

import { CLI, ROOT } from './env.mjs';
import { sidecarArgs, timeProcess } from './docker-run.mjs';
import { median, summarize } from './stats.mjs';

export async function measure(ctx) {
  const { target } = ctx;
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;
  const clean = { ...process.env };
  delete clean.NODE_EXTRA_CA_CERTS;
  const cdebug = async (env) => (await timeProcess(process.execPath, [CLI, 'exec', target, 'true'], { cwd: ROOT, env })).total;
  const docker = async () => (await timeProcess('docker', sidecarArgs(ctx.containers, target, ['true']))).total;
  const warmup = 1;
  const runs = ctx.quick ? 3 : 10;
  const as = [];
  const bs = [];
  const cs = [];
  for (let i = 0; i < warmup + runs; i++) {
    const a = await cdebug(process.env);
    const b = await docker();
    const c = extraCa ? await cdebug(clean) : null;
    if (i < warmup) continue;
    as.push(a);
    bs.push(b);
    if (c !== null) cs.push(c);
    ctx.log(`cli_exec_true pair ${i}/${runs}: cdebug ${a.toFixed(0)}, docker ${b.toFixed(0)}${c !== null ? `, cdebug without NODE_EXTRA_CA_CERTS ${c.toFixed(0)}` : ''} ms`);
  }
  const r = summarize(as, bs);
  const rows = [{ metric: 'cli_exec_true', ...r, unit: 'ms', target: 'ratio ≤ 1.2', met: r.ratio <= 1.2 }];
  if (extraCa) {
    const rc = summarize(cs, bs);
    rows[0].note = `NODE_EXTRA_CA_CERTS is set here (${extraCa}): Node builds its certificate store at start because of it`;
    rows.push({
      metric: 'cli_exec_true_without_extra_ca_certs',
      ...rc,
      unit: 'ms',
      target: 'ratio ≤ 1.2',
      met: rc.ratio <= 1.2,
      note: `the same, NODE_EXTRA_CA_CERTS unset for cdebug (median ${(median(as) - median(cs)).toFixed(0)} ms less)`,
    });
  }
  return rows;
}
