#!/usr/bin/env node
// Thin launcher. The build writes the CLI twice: dist/cli/ (tsc, one file per module) and
// dist/bundle/ (scripts/bundle.mjs: cdebug.cjs, which starts several times faster because
// nothing is resolved or compiled file by file). Built-ins through require(): an ES import
// of node:fs builds its whole facade, file streams included. The bundle is used when it is at
// least as new as the tsc build, so that a `tsc -b` on its own never runs stale code;
// CDEBUG_NO_BUNDLE=1 forces dist/cli.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { statSync } = require('node:fs');

const dist = new URL('../dist/', import.meta.url);
const mtime = (path) => {
  try {
    return statSync(new URL(path, dist)).mtimeMs;
  } catch {
    return -1;
  }
};
const bundled = !process.env.CDEBUG_NO_BUNDLE && mtime('bundle/cdebug.cjs') >= mtime('../tsconfig.tsbuildinfo') && mtime('bundle/cdebug.cjs') > 0;
const { main } = bundled ? require('../dist/bundle/cdebug.cjs') : await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
