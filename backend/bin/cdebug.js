#!/bin/sh
':' //; case "$1" in exec) if [ -n "${NODE_EXTRA_CA_CERTS-}" ]; then CDEBUG_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS; export CDEBUG_EXTRA_CA_CERTS; unset NODE_EXTRA_CA_CERTS; fi;; esac; exec node "$0" "$@"
// The line above is read by sh when this file runs as a program (`cdebug ...`, npm's bin link),
// and is a string and a comment to Node (`node bin/cdebug.js ...`). It only exists for this:
// Node 20 reads NODE_EXTRA_CA_CERTS while it starts and parses its whole certificate store
// then (75-110 ms on the build machines, more than the rest of `cdebug exec true`), before any
// of our code could decline it. For `exec` it is moved aside to CDEBUG_EXTRA_CA_CERTS instead:
// cdebug's only TLS peer is the engine, and src/cli/extra-ca.ts gives a TLS engine that has
// no CA of its own (no DOCKER_CERT_PATH) Node's default store plus that file, which is what
// NODE_EXTRA_CA_CERTS would have given it (with DOCKER_CERT_PATH, Node ignores it anyway).
// `serve` starts once and keeps Node's behaviour untouched. `exec` replaces the shell, so
// signals and the pid are Node's. The price: npm's Windows shim runs a file's #! program, so
// there `cdebug` needs an sh (Git's); `node bin/cdebug.js` works everywhere.
//
// The build writes the CLI twice: dist/cli/ (tsc, one file per module) and dist/bundle/
// (scripts/bundle.mjs: cdebug.cjs, which starts several times faster because nothing is
// resolved or compiled file by file, and serve.js). A bundle is used while none of the files it
// was made from (dist/bundle/inputs.json) is newer than it, so that an edit built with `tsc -b`
// alone never runs stale code, while other people's edits elsewhere in a shared checkout do not
// send every start to dist/cli; CDEBUG_NO_BUNDLE=1 forces dist/cli. This file is CommonJS
// (bin/package.json): Node's ES module loader would cost its own few milliseconds at every start.
'use strict';

// one file, not three: every sibling required costs a start its own module resolution
const { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

// The launcher line moved NODE_EXTRA_CA_CERTS aside before Node started: from here on the
// environment is the user's again (`-e NODE_EXTRA_CA_CERTS` passes it on, a child process
// sees it); CDEBUG_EXTRA_CA_CERTS stays, as the sign that Node itself did not load the file.
if (process.env.CDEBUG_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS === undefined) {
  process.env.NODE_EXTRA_CA_CERTS = process.env.CDEBUG_EXTRA_CA_CERTS;
}

const backend = join(__dirname, '..');
const bundleDir = join(backend, 'dist/bundle');

/** whether the bundle holds the current code for this command */
function bundleCurrent(command) {
  try {
    const built = statSync(join(bundleDir, 'cdebug.cjs')).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(bundleDir, 'inputs.json'), 'utf8'));
    const files = command === 'serve' ? [...inputs.cdebug, ...inputs.serve] : inputs.cdebug;
    // a file that is not there (a package without its sources) cannot be newer
    return files.every((file) => (statSync(join(backend, file), { throwIfNoEntry: false })?.mtimeMs ?? 0) <= built);
  } catch {
    return false;
  }
}

async function run(argv) {
  if (!process.env.CDEBUG_NO_BUNDLE && bundleCurrent(argv[0])) {
    const bundle = join(bundleDir, 'cdebug.cjs');
    if (argv[0] === 'exec') return runCached(bundle, argv);
    return require(bundle).main(argv);
  }
  const { main } = await import('../dist/cli/main.js');
  return main(argv);
}

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

// Ends the process as soon as the command's result is known and what it printed is out.
// Waiting for Node to run out of work instead would wait on whatever else is still open (a
// keep-alive socket, input queued for a command that is gone, a timer); on Linux, stdout and
// stderr are written synchronously to files, pipes and terminals, so nothing is pending there,
// and elsewhere (macOS pipes) their queues are let drain first.
function exitWhenFlushed(code) {
  const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
  if (pending.length === 0) process.exit(code);
  process.exitCode = code;
  let left = pending.length;
  for (const stream of pending) {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      if (--left === 0) process.exit(code);
    };
    stream.on('drain', done);
    stream.on('error', done);
  }
}

const argv = process.argv.slice(2);
run(argv).then(
  // `serve` has closed everything it opened by now; a command ends the process at once
  (code) => (argv[0] === 'serve' ? (process.exitCode = code) : exitWhenFlushed(code)),
  (err) => {
    process.stderr.write(`cdebug: unexpected error: ${err?.stack ?? err}\n`);
    process.exitCode = 125;
  },
);
