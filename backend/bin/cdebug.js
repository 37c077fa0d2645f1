#!/usr/bin/env node
// Thin launcher. The build writes the CLI twice: dist/cli/ (tsc, one file per module) and
// dist/bundle/ (scripts/bundle.mjs: a few bundled files, which start several times faster
// because nothing is resolved or compiled file by file). The bundle is used when it is at
// least as new as the tsc build, so that a `tsc -b` on its own never runs stale code;
// CDEBUG_NO_BUNDLE=1 forces dist/cli.
import { statSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const mtime = (path) => {
  try {
    return statSync(new URL(path, dist)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = !process.env.CDEBUG_NO_BUNDLE && mtime('bundle/cdebug.js') >= mtime('../tsconfig.tsbuildinfo') && mtime('bundle/cdebug.js') > 0;
const { main } = await import(bundled ? '../dist/bundle/cdebug.js' : '../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
