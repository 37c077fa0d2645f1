// throughput: terminal output through the service to a WebSocket client (acknowledging like the
// UI), against a raw hijacked attach to the same kind of sidecar from this process. The engine's
// pty copy is the bottleneck (about 8.5 MB/s on the 2-core build machines), so the figure that
// matters is the ratio, taken flood by flood with the two sides alternating.

import { openRaw, openSession } from './clients.mjs';
import { cpuQuiet } from './env.mjs';
import { alternate, now } from './stats.mjs';

const MARK = 'BENCH-2-DONE';
const flood = (bytes) => Buffer.from(`head -c ${bytes} /dev/zero | tr '\\0' a; echo; echo BENCH-$((1+1))-DONE\r`);

async function ready(term) {
  await term.prompt;
  await term.stream.quiet(300);
}

/** MB/s of one flood of `bytes` through `term` */
async function once(term, bytes, servicePid) {
  const t0 = now();
  const done = await term.stream.until(MARK, () => term.send(flood(bytes)));
  await term.stream.quiet(100);
  // the service's screen mirror parses the flood's last screen once the output has paused for
  // a second (mirror.ts): let it start and finish before the next flood (either side's), which
  // it would otherwise slow down
  await cpuQuiet(servicePid, { quietMs: 1500 });
  return done.bytes / 1e6 / ((done.at - t0) / 1000);
}

export async function measure(ctx) {
  const bytes = (ctx.quick ? 10 : 100) * 1_000_000;
  const session = await openSession(ctx.service, { target: ctx.target });
  let raw;
  try {
    raw = await openRaw({ target: ctx.target });
    await Promise.all([ready(session), ready(raw)]);
    const r = await alternate({
      warmup: 1,
      runs: ctx.quick ? 2 : 5,
      label: 'throughput',
      log: ctx.log,
      a: (i, warm) => once(session, warm ? Math.min(bytes, 10_000_000) : bytes, ctx.service.pid),
      b: (i, warm) => once(raw, warm ? Math.min(bytes, 10_000_000) : bytes, ctx.service.pid),
    });
    return [{ metric: 'throughput', ...r, unit: 'MB/s', target: 'ratio ≥ 0.9', met: r.ratio >= 0.9, note: `${bytes / 1e6} MB per flood` }];
  } finally {
    await Promise.allSettled([session.close(), raw?.close()]);
  }
}
