// Numbers: medians, percentiles, and the alternating pair runner that every side-by-side
// metric uses (A B A B ... after a warm-up; the machines are shared and noisy, so each pair's
// two halves see the same weather, and the ratio is taken pair by pair).

export function median(values) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** nearest-rank percentile, p in (0, 100] */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/**
 * Runs `a` then `b`, `warmup` times (discarded), then `runs` times (kept). Each call returns a
 * number (or an object with `value`). Answers both series and the per-pair ratios a/b.
 */
export async function alternate({ warmup = 1, runs, a, b, log = () => undefined, label = '' }) {
  for (let i = 0; i < warmup; i++) {
    await a(i, true);
    await b(i, true);
  }
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(await a(i, false));
    bs.push(await b(i, false));
    log(`${label} pair ${i + 1}/${runs}: cdebug ${fmt(as.at(-1))}, baseline ${fmt(bs.at(-1))}`);
  }
  return summarize(as, bs);
}

/** medians of each side, and the median of the per-pair ratios */
export function summarize(as, bs) {
  const ratios = as.map((a, i) => a / bs[i]);
  return { cdebug: median(as), baseline: median(bs), ratio: median(ratios), runs: as.length, as, bs, ratios };
}

export function fmt(n, digits) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return String(n);
  const d = digits ?? (Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
  return n.toFixed(d);
}

export const now = () => Number(process.hrtime.bigint()) / 1e6;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
