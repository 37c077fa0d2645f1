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
// bin/cdebug.js uses the bundle when it is at least as new as the TypeScript build, and
// dist/cli/main.js otherwise. Without esbuild (a production-only install) this does nothing.

import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const backend = fileURLToPath(new URL('..', import.meta.url));

/** modules loaded on first use instead of at start: [path suffix inside node_modules, real specifier] */
export const LAZY = [
  ['docker-modem/lib/ssh.js', 'docker-modem/lib/ssh.js'],
  ['dockerode/lib/session.js', 'dockerode/lib/session.js'],
  ['dockerode/lib/buildkit.js', 'dockerode/lib/buildkit.js'],
  ['tar-fs/index.js', 'tar-fs'],
  ['@balena/dockerignore/ignore.js', '@balena/dockerignore'],
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
export async function bundleBackend({ outdir = `${backend}dist/bundle`, metafile = false } = {}) {
  const esbuild = await import('esbuild');
  // built beside, then swapped in: a cdebug starting meanwhile finds the old files or none
  // (and then runs dist/cli), never half-written ones
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    metafile,
    plugins: [plugin],
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
  await esbuild.build({
    ...common,
    entryPoints: { cdebug: `${backend}src/cli/main.ts` },
    outdir: tmp,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // the code finds its files relative to its module (package.json, the UI)
    define: { 'import.meta.url': '__cdebugImportMetaUrl' },
    banner: { js: "const __cdebugRequire = require;\nconst __cdebugImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(tmp, outdir);
  return result;
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
  const result = await bundleBackend({ outdir: at('--outdir'), metafile: Boolean(at('--metafile')) });
  if (at('--metafile')) writeFileSync(at('--metafile'), JSON.stringify(result.metafile));
}
