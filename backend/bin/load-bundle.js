// Runs dist/bundle/cdebug.cjs for `cdebug exec` with a V8 code cache beside it, the way Node's
// own loader would run it (same wrapper, same require), so that a start compiles nothing it
// compiled before. Without the cache, V8 parses the 300 KB bundle (6-15 ms) and then compiles
// each function the first time it runs (the engine client's request path alone is several ms
// of that). The cache is written after a run, so that it holds the functions that run needed,
// not only the top level; V8 refuses a cache made by another V8 or with other flags, and the
// file's name carries the bundle's size and time, so a rebuilt bundle never meets an old cache
// (the build also replaces the whole folder). A folder that cannot be written only means no cache.
// Only for `exec`: code run this way cannot import() (Node 20 wants an experimental flag for
// that), and `serve` imports the service's own bundle; exec's path never imports.
'use strict';

const { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

async function runCached(file, argv) {
  const stat = statSync(file);
  const cacheFile = `${file}.${stat.size}-${Math.trunc(stat.mtimeMs)}.v8cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // first run since the build
  }
  const source = readFileSync(file, 'utf8');
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
  const script = new Script(wrapper, { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  const code = await module.exports.main(argv);
  // only after a run that went the whole way (not cdebug's own 125, not --help), so that the
  // cache holds the engine path
  const whole = code !== 125 && !argv.includes('-h') && !argv.includes('--help');
  if ((cachedData === undefined || script.cachedDataRejected) && whole) writeCache(script, cacheFile);
  return code;
}

function writeCache(script, cacheFile) {
  const tmp = `${cacheFile}.${process.pid}`;
  try {
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

module.exports = { runCached };
