// echo_latency_p50 / _p99: one keystroke to its echo by the shell's line editor, through the
// service's WebSocket and through a raw attach, keystrokes alternating between the two.

import { openRaw, openSession } from './clients.mjs';
import { median, now, percentile } from './stats.mjs';

const KILL_LINE = Buffer.from([0x15]); // Ctrl-U
const KEY = Buffer.from('a');

async function ready(term) {
  await term.prompt;
  await term.stream.quiet(300);
}

async function keystroke(term) {
  const t0 = now();
  const { at } = await term.stream.until('a', () => term.send(KEY), 10_000);
  return at - t0;
}

export async function measure(ctx) {
  const keys = ctx.quick ? 100 : 400;
  const warmup = 20;
  const perLine = 40;
  const session = await openSession(ctx.service, { target: ctx.target });
  let raw;
  try {
    raw = await openRaw({ target: ctx.target });
    await Promise.all([ready(session), ready(raw)]);
    const as = [];
    const bs = [];
    for (let i = 0; i < warmup + keys; i++) {
      if (i % perLine === 0 && i > 0) {
        // a fresh line now and then, so that the echo never wraps; not timed
        for (const term of [session, raw]) {
          term.send(KILL_LINE);
          await term.stream.quiet(30);
        }
      }
      const a = await keystroke(session);
      const b = await keystroke(raw);
      if (i >= warmup) {
        as.push(a);
        bs.push(b);
      }
    }
    for (const term of [session, raw]) term.send(KILL_LINE);
    const diffs = as.map((a, i) => a - bs[i]);
    const overhead = median(diffs);
    const p50 = { cdebug: median(as), baseline: median(bs) };
    const p99 = { cdebug: percentile(as, 99), baseline: percentile(bs, 99) };
    ctx.log(
      `echo: p50 ${p50.cdebug.toFixed(2)} vs ${p50.baseline.toFixed(2)} ms, p99 ${p99.cdebug.toFixed(2)} vs ${p99.baseline.toFixed(2)} ms, median overhead ${overhead.toFixed(2)} ms`,
    );
    return [
      {
        metric: 'echo_latency_p50',
        ...p50,
        ratio: median(as.map((a, i) => a / bs[i])),
        unit: 'ms',
        runs: keys,
        overhead,
        target: 'p50 overhead ≤ 1 ms',
        met: p50.cdebug - p50.baseline <= 1 && overhead <= 1,
        note: `overhead ${overhead.toFixed(2)} ms (median of per-keystroke differences)`,
      },
      {
        metric: 'echo_latency_p99',
        ...p99,
        ratio: p99.cdebug / p99.baseline,
        unit: 'ms',
        runs: keys,
        target: '—',
        met: null,
      },
    ];
  } finally {
    await Promise.allSettled([session.close(), raw?.close()]);
  }
}
