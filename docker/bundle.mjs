#!/usr/bin/env node
// The backend as the extension image runs it: one ESM file made by esbuild from backend/src,
// with no node_modules beside it. Used by the Dockerfile; runs on a checkout too.
//
//   node docker/bundle.mjs [OUT]            (default: build/extension/backend)
//
// OUT receives the same relative layout as a checkout, because the code finds its files
// relative to its own module (new URL('...', import.meta.url)) and stays unchanged:
//   OUT/package.json                 name and version only ('../../package.json' from the bundle)
//   OUT/dist/bundle/cdebug.mjs       the CLI and the service
//   OUT/dist/bundle/entry.sh         the sidecar's entry script ('./entry.sh')
//   OUT/dist/bundle/shell-choice.sh  the part of it that picks a shell ('./shell-choice.sh')
//   OUT/THIRD-PARTY-NOTICES.txt      licences of the bundled packages
// The built UI ('../../../ui/dist' from the bundle) is not part of it: the image sets
// CDEBUG_UI_DIR to its own ui/ folder. After writing, every `new URL('<literal>',
// import.meta.url)` left in the bundle is checked against OUT, so that a new asset that the
// code reads beside its module fails here, not in a user's Docker Desktop.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'build/extension/backend'));
const bundleDir = join(out, 'dist/bundle');
const outfile = join(bundleDir, 'cdebug.mjs');

// Optional native add-ons, each loaded in a try/catch by the package that wants it (ws's
// speed-ups; ssh2's, under docker-modem's ssh mode, which cdebug does not use): left out, the
// packages use plain JavaScript. Everything else is bundled as it is.
const EXTERNAL = ['bufferutil', 'utf-8-validate', 'cpu-features', '*.node'];

// CommonJS packages inside an ESM bundle still call require() for Node's built-ins and read
// __dirname: give them both, relative to the bundle.
const banner = [
  "import { createRequire as __cdebugCreateRequire } from 'node:module';",
  "import { fileURLToPath as __cdebugFileURLToPath } from 'node:url';",
  "import { dirname as __cdebugDirname } from 'node:path';",
  'const require = __cdebugCreateRequire(import.meta.url);',
  'const __filename = __cdebugFileURLToPath(import.meta.url);',
  'const __dirname = __cdebugDirname(__filename);',
].join('\n');

rmSync(out, { recursive: true, force: true });
mkdirSync(bundleDir, { recursive: true });

const result = await build({
  stdin: {
    contents: "import { main } from './backend/src/cli/main.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n",
    resolveDir: root,
    sourcefile: 'cdebug-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  banner: { js: `#!/usr/bin/env node\n${banner}` },
  external: EXTERNAL,
  minify: true,
  keepNames: true,
  legalComments: 'none', // collected whole into THIRD-PARTY-NOTICES.txt below
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});

// the files the code reads beside its module
copyFileSync(join(root, 'backend/src/sidecar/entry.sh'), join(bundleDir, 'entry.sh'));
copyFileSync(join(root, 'backend/src/sidecar/shell-choice.sh'), join(bundleDir, 'shell-choice.sh'));
const pkg = JSON.parse(readFileSync(join(root, 'backend/package.json'), 'utf8'));
writeFileSync(
  join(out, 'package.json'),
  `${JSON.stringify({ name: pkg.name, version: pkg.version, description: pkg.description, license: pkg.license, type: 'module', private: true }, null, 2)}\n`,
);

// Licences of what went into the bundle: one entry per package (name, version, licence, text).
function packagesIn(metafile) {
  const found = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!m) continue;
    const dir = join(root, input.slice(0, m.index + m[0].length));
    if (!found.has(dir)) found.set(dir, m[1]);
  }
  return [...found.entries()].sort((a, b) => a[1].localeCompare(b[1]));
}
const notices = ['Third-party software bundled into dist/bundle/cdebug.mjs', ''];
for (const [dir, name] of packagesIn(result.metafile)) {
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenceFile = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE', 'License'].map((f) => join(dir, f)).find((f) => existsSync(f));
  notices.push(
    '='.repeat(78),
    `${name} ${meta.version} (${typeof meta.license === 'string' ? meta.license : JSON.stringify(meta.license ?? 'see package')})`,
    '',
  );
  if (licenceFile) notices.push(readFileSync(licenceFile, 'utf8').trim(), '');
}
writeFileSync(join(out, 'THIRD-PARTY-NOTICES.txt'), `${notices.join('\n')}\n`);

// Every relative file URL the bundle resolves from its own location must be there.
const text = readFileSync(outfile, 'utf8');
const OPTIONAL = new Set(['../../../ui/dist']); // the UI: CDEBUG_UI_DIR points at the image's copy
const missing = [];
for (const m of text.matchAll(/new URL\(\s*(["'`])([^"'`]+)\1\s*,\s*import\.meta\.url\s*\)/g)) {
  const ref = m[2];
  if (OPTIONAL.has(ref)) continue;
  const target = fileURLToPath(new URL(ref, pathToFileURL(outfile)));
  if (!existsSync(target)) missing.push(`${ref} -> ${relative(root, target)}`);
}
if (missing.length > 0) {
  console.error(`docker/bundle.mjs: the bundle reads files that are not beside it:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}

// It starts, and reads its version from where the image puts it.
const version = execFileSync(process.execPath, [outfile, '--version'], { encoding: 'utf8' }).trim();
if (version !== `cdebug ${pkg.version}`) {
  console.error(`docker/bundle.mjs: the bundle answered "${version}" to --version`);
  process.exit(1);
}

const kib = (file) => `${Math.round(statSync(file).size / 1024)} KiB`;
console.log(`${relative(process.cwd(), outfile) || outfile}: ${kib(outfile)}, ${packagesIn(result.metafile).length} packages bundled (${version})`);
