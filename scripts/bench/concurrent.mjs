// concurrent_sessions: 50 sessions opened at once through the service, each until its prompt;
// against 50 `docker run` of the same sidecar at once, each until its first output byte.
// Reported: the p95 time to prompt of each side (and whether every one got there).

import { openSession } from './clients.mjs';
import { sidecarArgs, timeProcess } from './docker-run.mjs';
import { median, percentile } from './stats.mjs';

const N = 50;

/** runs fn over items with at most `limit` at a time */
async function pool(items, limit, fn) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

async function cdebugRound(ctx) {
  const opened = await Promise.allSettled(
    Array.from({ length: N }, async () => {
      const session = await openSession(ctx.service, { target: ctx.target });
      try {
        return { session, ms: await session.prompt };
      } catch (err) {
        err.session = session;
        throw err;
      }
    }),
  );
  const times = opened.filter((o) => o.status === 'fulfilled').map((o) => o.value.ms);
  const errors = opened.filter((o) => o.status === 'rejected').map((o) => o.reason);
  const sessions = opened.map((o) => (o.status === 'fulfilled' ? o.value.session : o.reason.session)).filter(Boolean);
  await pool(sessions, 10, (s) => s.close().catch((err) => ctx.log(`closing a session: ${err.message}`)));
  return { times, errors };
}

async function dockerRound(ctx) {
  const args = sidecarArgs(ctx.containers, ctx.target, ['sh', '-c', 'echo ready']);
  const ran = await Promise.allSettled(Array.from({ length: N }, () => timeProcess('docker', args)));
  return {
    times: ran.filter((r) => r.status === 'fulfilled' && r.value.first !== null).map((r) => r.value.first),
    errors: ran.filter((r) => r.status === 'rejected').map((r) => r.reason),
  };
}

export async function measure(ctx) {
  const warmup = ctx.quick ? 0 : 1;
  const runs = ctx.quick ? 1 : 3;
  const as = [];
  const bs = [];
  let failed = 0;
  let baselineFailed = 0;
  const errors = [];
  for (let i = 0; i < warmup + runs; i++) {
    const a = await cdebugRound(ctx);
    const b = await dockerRound(ctx);
    const warm = i < warmup;
    ctx.log(
      `concurrent ${warm ? 'warm-up' : `round ${i - warmup + 1}/${runs}`}: cdebug ${a.times.length}/${N} p95 ${percentile(a.times, 95).toFixed(0)} ms, ` +
        `docker ${b.times.length}/${N} p95 ${percentile(b.times, 95).toFixed(0)} ms`,
    );
    if (warm) continue;
    failed += N - a.times.length;
    baselineFailed += N - b.times.length;
    errors.push(...a.errors.map((e) => e.message));
    as.push(percentile(a.times, 95));
    bs.push(percentile(b.times, 95));
  }
  const ratios = as.map((a, i) => a / bs[i]);
  const ratio = median(ratios);
  const notes = [`${N} at once; ${runs * N - failed}/${runs * N} sessions reached a prompt`];
  if (baselineFailed) notes.push(`${baselineFailed} baseline runs failed`);
  if (errors.length) notes.push(`first error: ${errors[0]}`);
  return [
    {
      metric: 'concurrent_sessions',
      cdebug: median(as),
      baseline: median(bs),
      ratio,
      unit: 'ms (p95)',
      runs,
      as,
      bs,
      ratios,
      failed,
      target: 'all succeed; ratio ≤ 1.0',
      met: failed === 0 && ratio <= 1.0,
      note: notes.join('; '),
    },
  ];
}
