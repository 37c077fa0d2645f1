// Bundles the backend into two files under dist/bundle/, so that a command starts without
// resolving and compiling hundreds of files one by one: `cdebug exec T true` spent most of its
// time importing dockerode before its first engine call.
//   cdebug.cjs the CLI: option parsing, `cdebug exec` and the engine module, in one CommonJS
//              file (Node's ES module loader costs some 6 ms more at every start, mostly in
//              the facades it builds for each built-in module imported);
//   serve.js   the service (Fastify, the sessions, the screen mirror), an ES module loaded by
//              `cdebug serve` only, so that `exec` never reads it.
// Modules the CLI and service never use on their usual paths are not bundled: small stand-ins
// load the real module from node_modules the first time it is used (ssh2 for an ssh://
// DOCKER_HOST, gRPC and protobufjs for BuildKit sessions, tar-fs for build contexts, and
// node:https for a TLS engine). The sidecar's entry script is inlined.
//
//   node scripts/bundle.mjs [--outdir DIR] [--metafile FILE]
//
// bin/cdebug.js uses the bundle while none of the files it was made from (inputs.json) is newer,
// and dist/cli/main.js otherwise; bin/cdebug.js keeps a V8 code cache beside it. Without esbuild (a production-only install) this does nothing.

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const backend = fileURLToPath(new URL('..', import.meta.url));

/** modules loaded on first use instead of at start: [path suffix inside node_modules, real specifier] */
export const LAZY = [
  ['docker-modem/lib/ssh.js', 'docker-modem/lib/ssh.js'],
  ['dockerode/lib/session.js', 'dockerode/lib/session.js'],
  ['dockerode/lib/buildkit.js', 'dockerode/lib/buildkit.js'],
  ['tar-fs/index.js', 'tar-fs'],
  ['@balena/dockerignore/ignore.js', '@balena/dockerignore'],
  // docker-modem's hijacked stream for openStdin attaches (engine/hijack.ts does its own), and
  // with it readable-stream, a copy of Node's streams: 5-10 ms of every start
  ['docker-modem/lib/http_duplex.js', 'docker-modem/lib/http_duplex.js'],
];

const lazyStub = (specifier) => `
let real;
function load() {
  if (real === undefined) {
    try {
      real = __cdebugRequire(${JSON.stringify(specifier)});
    } catch (err) {
      throw new Error('cdebug: ' + ${JSON.stringify(specifier)} + ' is needed here and could not be loaded (' + err.message + ')');
    }
  }
  return real;
}
module.exports = new Proxy(function () {}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  apply: (_, self, args) => load().apply(self, args),
  construct: (_, args) => new (load())(...args),
});
`;

/**
 * What the engine client's packages do at start or on every request for nothing cdebug uses.
 * Shared with docker/bundle.mjs (the extension image's bundle), whose service benefits as well.
 */
export const enginePatches = {
  name: 'cdebug-engine-patches',
  setup(build) {
    // docker-modem formats every request's options, the sidecar's 30 KB spec included, with
    // util.inspect({ showHidden, depth: null }) for a debug line that is off unless DEBUG names
    // it: 2-5 ms of every engine call, in the CLI and the service. Formatted only when it shows.
    build.onLoad({ filter: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replace("debug('Sending: %s', util.inspect(", "if (debug.enabled) debug('Sending: %s', util.inspect(");
      if (patched === source) throw new Error('bundle: docker-modem changed: its debug line was not found (see scripts/bundle.mjs)');
      return { contents: patched, loader: 'js' };
    });
    // debug (docker-modem's logger) costs 2-3 ms at start to read its settings, for output that
    // only DEBUG=modem turns on: without DEBUG, a logger that is always off
    build.onLoad({ filter: /[\\/]node_modules[\\/]debug[\\/]src[\\/]index\.js$/ }, (args) => ({
      // the real logger is bundled too (./node.js), and started only when DEBUG asks for it
      resolveDir: dirname(args.path),
      contents: `
if (process.env.DEBUG) {
  module.exports = require('./node.js');
} else {
  const off = Object.assign(function () {}, { enabled: false, namespace: '', log() {}, extend: () => off, destroy: () => false });
  module.exports = Object.assign(() => off, { enable() {}, disable: () => '', enabled: () => false, log() {}, formatters: {} });
}
`,
      loader: 'js',
    }));
    // debug (docker-modem's logger) tries supports-color, which is not installed, in a
    // try/catch: the failed lookup walks every node_modules folder up from the bundle at each
    // start (2-3 ms). Without it, debug's output has its basic colours.
    build.onResolve({ filter: /^supports-color$/ }, () => ({ path: 'supports-color', namespace: 'cdebug-absent' }));
    build.onLoad({ filter: /.*/, namespace: 'cdebug-absent' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const plugin = {
  name: 'cdebug-bundle',
  setup(build) {
    // the stand-ins: matched by the resolved file, so every way of importing them is covered
    build.onLoad({ filter: /node_modules[\\/].*\.js$/ }, (args) => {
      const path = args.path.replace(/\\/g, '/');
      const hit = LAZY.find(([suffix]) => path.endsWith(`/node_modules/${suffix}`));
      return hit ? { contents: lazyStub(hit[1]), loader: 'js' } : undefined;
    });
    // docker-modem loads node:https (and with it node:tls) at start, for TLS engines only
    build.onResolve({ filter: /^(node:)?https$/ }, (args) =>
      /[\\/]docker-modem[\\/]lib[\\/]http\.js$/.test(args.importer) ? { path: 'https', namespace: 'cdebug-lazy' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'cdebug-lazy' }, (args) => ({ contents: lazyStub(`node:${args.path}`), loader: 'js' }));
    // `cdebug serve` loads the service from its own file
    build.onResolve({ filter: /^\.\.\/server\/run\.js$/ }, (args) =>
      /[\\/]cli[\\/]serve\.ts$/.test(args.importer) && build.initialOptions.entryPoints.cdebug ? { path: './serve.js', external: true } : undefined,
    );
    // the entry script, inlined (entry-script.ts reads it from disk beside the module)
    build.onLoad({ filter: /[\\/]sidecar[\\/]entry-script\.ts$/ }, () => ({
      contents: `export const ENTRY_SCRIPT: string = ${JSON.stringify(readFileSync(new URL('../src/sidecar/entry.sh', import.meta.url), 'utf8'))};\n`,
      loader: 'ts',
    }));
  },
};

/** builds the bundle; cdebug.cjs exports `main(argv)` like dist/cli/main.js */
export async function bundleBackend({ outdir = `${backend}dist/bundle` } = {}) {
  const esbuild = await import('esbuild');
  // built beside, then swapped in: a cdebug starting meanwhile finds the old files or none
  // (and then runs dist/cli), never half-written ones
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const common = {
    absWorkingDir: backend,
    bundle: true,
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    plugins: [enginePatches, plugin],
  };
  const result = await esbuild.build({
    ...common,
    entryPoints: { serve: `${backend}src/server/run.ts` },
    outdir: tmp,
    format: 'esm',
    banner: {
      js: [
        "import { createRequire as __cdebugCreateRequire } from 'node:module';",
        "import { fileURLToPath as __cdebugFileURLToPath } from 'node:url';",
        "import { dirname as __cdebugDirname } from 'node:path';",
        'const require = __cdebugCreateRequire(import.meta.url);',
        'const __cdebugRequire = require;',
        'const __filename = __cdebugFileURLToPath(import.meta.url);',
        'const __dirname = __cdebugDirname(__filename);',
      ].join('\n'),
    },
  });
  const cli = await esbuild.build({
    ...common,
    entryPoints: { cdebug: `${backend}src/cli/main.ts` },
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // the code finds its files relative to its module (package.json, the UI); a getter, so that
    // only a command that asks (--version) loads node:url and builds the URL (0.6 ms of `exec`)
    define: { 'import.meta.url': '__cdebugImportMeta.url' },
    banner: { js: "const __cdebugRequire = require;\nconst __cdebugImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
  });
  writeFileSync(`${tmp}/inputs.json`, `${JSON.stringify({ cdebug: sources(cli.metafile), serve: sources(result.metafile) })}\n`);
  rmSync(outdir, { recursive: true, force: true });
  renameSync(tmp, outdir);
  return result;
}

/**
 * The backend's own files a bundle was made from (relative to backend/), for bin/cdebug.js: it
 * runs a bundle only while none of them is newer, so that an edit built with `tsc -b` alone
 * (dist/cli) is never hidden by an older bundle, and an unrelated one does not slow every start.
 */
function sources(metafile) {
  const files = Object.keys(metafile.inputs).filter((f) => f.startsWith('src/'));
  return [...new Set([...files, 'src/sidecar/entry.sh'])].sort();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const at = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  try {
    await import('esbuild');
  } catch {
    console.error('bundle: esbuild is not installed; bin/cdebug.js will use dist/cli (unbundled)');
    process.exit(0);
  }
  const result = await bundleBackend({ outdir: at('--outdir') });
  if (at('--metafile')) writeFileSync(at('--metafile'), JSON.stringify(result.metafile));
}
