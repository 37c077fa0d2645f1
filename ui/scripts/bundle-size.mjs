#!/usr/bin/env node
// Builds the UI into a temporary folder and reports what the first paint costs: the gzip size
// of the initial JavaScript (the entry chunk and what it imports statically), the lazy chunks,
// and each main dependency's share of the initial JavaScript (by minified bytes per module).
// Usage: npm run size -w ui

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'cdebug-ui-size-'));
const chunks = [];

const collect = {
  name: 'cdebug-collect-chunks',
  generateBundle(_options, bundle) {
    for (const item of Object.values(bundle)) {
      if (item.type !== 'chunk') continue;
      const modules = Object.entries(item.modules).map(([id, m]) => ({ id, bytes: m.renderedLength }));
      chunks.push({ file: item.fileName, isEntry: item.isEntry, imports: item.imports, dynamicImports: item.dynamicImports, modules });
    }
  },
};

await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false }, plugins: [collect] });

const gzip = (file) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
const raw = (file) => readFileSync(join(outDir, file)).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

const byFile = new Map(chunks.map((c) => [c.file, c]));
const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
};
for (const c of chunks.filter((c) => c.isEntry)) visit(c.file);

const initialGzip = [...initial].reduce((sum, f) => sum + gzip(f), 0);
const initialRaw = [...initial].reduce((sum, f) => sum + raw(f), 0);
console.log(`initial JS: ${kb(initialGzip)} gzip (${kb(initialRaw)} minified): ${[...initial].join(', ')}`);

// Group the initial chunks' modules by package (node_modules/<name> or <@scope/name>), else by source folder.
const owner = (id) => {
  const m = id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (id.includes('/backend/src/contract/')) return 'cdebug contract';
  return id.includes('/ui/src/') ? 'cdebug ui (own code)' : 'other';
};
function report(files, gzipTotal, top) {
  const shares = new Map();
  let total = 0;
  for (const file of files) {
    for (const { id, bytes } of byFile.get(file)?.modules ?? []) {
      shares.set(owner(id), (shares.get(owner(id)) ?? 0) + bytes);
      total += bytes;
    }
  }
  for (const [name, bytes] of [...shares].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = bytes / total;
    console.log(`  ${name.padEnd(28)} ${(share * 100).toFixed(1).padStart(5)} %  ~${kb(share * gzipTotal)}`);
  }
}
console.log('initial JS by dependency (share of minified bytes, and its part of the gzip size):');
report(initial, initialGzip, 12);
for (const c of chunks.filter((c) => !initial.has(c.file))) {
  console.log(`lazy chunk ${c.file}: ${kb(gzip(c.file))} gzip (${kb(raw(c.file))} minified)`);
  report([c.file], gzip(c.file), 4);
}
rmSync(outDir, { recursive: true, force: true });
