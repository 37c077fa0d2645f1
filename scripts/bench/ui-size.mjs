// ui_initial_js_gzip: the gzip size of the JavaScript the UI needs before its first paint, as
// the UI's own report computes it (ui/scripts/bundle-size.mjs builds into a temporary folder:
// the entry chunk and everything it imports statically; lazy chunks excluded).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './env.mjs';

export async function measure(ctx) {
  const output = await new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const child = spawn(process.execPath, [join(ROOT, 'ui/scripts/bundle-size.mjs')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`ui/scripts/bundle-size.mjs exited ${code}: ${err.trim()}`))));
  });
  const m = /initial JS: ([\d.]+) KiB gzip \(([\d.]+) KiB minified\): (.*)/.exec(output);
  if (!m) throw new Error(`ui/scripts/bundle-size.mjs printed no "initial JS" line:\n${output}`);
  const kb = (Number(m[1]) * 1024) / 1000;
  ctx.log(`ui: ${output.split('\n').slice(0, 6).join('\n    ')}`);
  return [
    {
      metric: 'ui_initial_js_gzip',
      cdebug: kb,
      baseline: null,
      ratio: null,
      unit: 'kB',
      runs: 1,
      target: '≤ 300 kB',
      met: kb <= 300,
      note: `${m[3].split(', ').length} initial files, ${m[2]} KiB minified`,
    },
  ];
}
