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

const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

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
    if (argv[0] === 'exec') return require('./load-bundle.js').runCached(bundle, argv);
    return require(bundle).main(argv);
  }
  const { main } = await import('../dist/cli/main.js');
  return main(argv);
}

const argv = process.argv.slice(2);
run(argv).then(
  // `serve` has closed everything it opened by now; a command ends the process at once
  (code) => (argv[0] === 'serve' ? (process.exitCode = code) : require('./exit.js').exitWhenFlushed(code)),
  (err) => {
    process.stderr.write(`cdebug: unexpected error: ${err?.stack ?? err}\n`);
    process.exitCode = 125;
  },
);
