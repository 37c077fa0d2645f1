// The bench's outputs: a markdown table (with the target and whether it was met) and the JSON
// file `{"<metric>": {"cdebug", "baseline", "ratio", "unit", "runs", ...}}`.

import { writeFileSync } from 'node:fs';
import { fmt } from './stats.mjs';

const cell = (n, unit) => (n === null || n === undefined ? '—' : `${fmt(n)} ${unit}`);

export function table(rows, failures) {
  const lines = ['| metric | cdebug | baseline, same run | ratio | target | met | runs |', '|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const met = r.met === null ? '—' : r.met ? 'yes' : '**MISSED**';
    const ratio = r.ratio === null || r.ratio === undefined ? '—' : fmt(r.ratio, 2);
    lines.push(`| \`${r.metric}\` | ${cell(r.cdebug, r.unit)} | ${cell(r.baseline, r.unit)} | ${ratio} | ${r.target} | ${met} | ${r.runs} |`);
  }
  for (const f of failures) lines.push(`| \`${f.metric}\` | not measured | | | | **FAILED** | |`);
  const notes = rows.filter((r) => r.note).map((r) => `- \`${r.metric}\`: ${r.note}`);
  const failed = failures.map((f) => `- \`${f.metric}\` could not be measured: ${f.error}`);
  return [...lines, '', ...notes, ...failed].join('\n');
}

export function writeJson(file, rows) {
  const out = {};
  for (const r of rows) {
    out[r.metric] = {
      cdebug: r.cdebug,
      baseline: r.baseline,
      ratio: r.ratio,
      unit: r.unit,
      runs: r.runs,
      target: r.target,
      met: r.met,
      ...(r.overhead !== undefined ? { overhead: r.overhead } : {}),
    };
  }
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
}
