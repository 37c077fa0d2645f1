#!/usr/bin/env node
// `npm start` / `make run`: the standalone web UI on this machine.
//   1. builds what is missing: the backend (backend/dist), the UI (ui/dist) when it can be built;
//   2. makes sure a container engine answers (scripts/engine.sh starts one, or says how);
//   3. runs `cdebug serve` on 127.0.0.1 (port CDEBUG_PORT, default 7681), which prints the URL
//      with the access token in its fragment. Ctrl-C ends the sessions and stops it.
// Rebuild after changing the sources: `npm run build`, or delete the dist folder.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const say = (msg) => process.stderr.write(`start: ${msg}\n`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, what) {
  say(`${what}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.error) say(`${what} could not run: ${result.error.message}`);
  return result.status === 0;
}

// 1. build what is missing
if (!existsSync(at('backend/dist/cli/main.js'))) {
  if (!run(npm, ['run', 'build', '-w', 'backend'], 'building the backend')) {
    say('the backend did not build: fix the errors above (npm ci first on a fresh clone)');
    process.exit(1);
  }
}
const uiPackage = at('ui/package.json');
const uiBuildable = existsSync(uiPackage) && Boolean(JSON.parse(readFileSync(uiPackage, 'utf8')).scripts?.build);
if (uiBuildable && !existsSync(at('ui/dist/index.html'))) {
  if (!run(npm, ['run', 'build', '-w', 'ui', '--if-present'], 'building the UI')) {
    say('the UI did not build: serving the API with a minimal page instead');
  }
}

// 2. an engine that answers
const engineScript = at('scripts/engine.sh');
if (existsSync(engineScript)) {
  if (!run('bash', [engineScript], 'checking the container engine')) {
    say('no container engine answers: start Docker (or set DOCKER_HOST), then run `npm start` again');
    process.exit(1);
  }
} else {
  const info = spawnSync('docker', ['info'], { stdio: 'ignore' });
  if (info.status !== 0) {
    say('no container engine answers: start Docker (or set DOCKER_HOST), then run `npm start` again');
    process.exit(1);
  }
}

// 3. serve on loopback
const port = process.env.CDEBUG_PORT || '7681';
// its own process group: Ctrl-C reaches this script only, which passes it on once (a second
// SIGINT would make the service give up its clean shutdown)
const child = spawn(process.execPath, [at('backend/bin/cdebug.js'), 'serve', '--host', '127.0.0.1', '--port', port], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: process.env,
  detached: true,
});
let forwarded = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (forwarded) return;
    forwarded = true;
    child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 : 1));
});
