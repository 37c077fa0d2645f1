// The bench's surroundings: an engine that answers, the fixture images, a built backend, one
// target container, `cdebug serve` on a free loopback port, and the clean-up that removes
// every container this run made (targets, sidecars of those targets, baseline containers).

import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** the cdebug under test; CDEBUG_BENCH_CLI points at another build's bin/cdebug.js (A/B comparisons) */
export const CLI = process.env.CDEBUG_BENCH_CLI || join(ROOT, 'backend/bin/cdebug.js');
export const TOOLKIT = 'busybox:latest';
export const TARGET_IMAGE = 'cdebug-fixture/distroless:latest';
/** every container the bench starts itself carries this label (with the run's id) */
export const BENCH_LABEL = 'io.cdebug.bench';

export function docker(...args) {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export function dockerAsync(...args) {
  return new Promise((resolve, reject) => {
    execFile('docker', args, { encoding: 'utf8' }, (err, stdout, stderr) =>
      err ? reject(new Error(`docker ${args[0]}: ${stderr || err.message}`)) : resolve(stdout.trim()),
    );
  });
}

function run(command, args, what) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${what} failed (${command} ${args.join(' ')} exited ${r.status ?? r.signal})`);
}

const engineAnswers = () => spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
const imagesPresent = () => spawnSync('docker', ['image', 'inspect', TOOLKIT, TARGET_IMAGE], { stdio: 'ignore' }).status === 0;

/** newest modification time of the sources under a folder (tests are not built) */
function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newest(p));
    else if (!/\.test\.ts$/.test(entry.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : -1);

/** what a fresh machine lacks after `npm ci`: an engine, the fixture images, a current build */
export function prepare(log) {
  if (!engineAnswers()) {
    log('no engine answers: scripts/engine.sh');
    run('bash', ['scripts/engine.sh'], 'scripts/engine.sh');
  }
  if (!imagesPresent()) {
    log('fixture images missing: scripts/fixtures.sh');
    run('bash', ['scripts/fixtures.sh'], 'scripts/fixtures.sh');
  }
  // tsc -b rewrites its build info whenever it emits
  const built = mtime(join(ROOT, 'backend/tsconfig.tsbuildinfo'));
  if (!existsSync(join(ROOT, 'backend/dist/cli/main.js')) || newest(join(ROOT, 'backend/src')) > built) {
    log('backend build missing or older than its sources: npm run build -w backend');
    run('npm', ['run', 'build', '-w', 'backend'], 'the backend build');
  }
}

export class Containers {
  constructor(runId) {
    this.runId = runId;
    this.targets = [];
  }

  /** labels for the baseline's own `docker run`s, so that clean-up finds them */
  get labelArgs() {
    return ['--label', `${BENCH_LABEL}=${this.runId}`, '--label', 'io.cdebug.fixture=1'];
  }

  /** whether a container is still running (others' clean-ups remove every fixture container) */
  running(id) {
    try {
      return docker('inspect', '-f', '{{.State.Running}}', id) === 'true';
    } catch {
      return false;
    }
  }

  startTarget() {
    const id = docker('run', '-d', '--network', 'none', ...this.labelArgs, TARGET_IMAGE);
    this.targets.push(id);
    return id;
  }

  /** removes what this run left: baseline containers, sidecars of its targets, its targets */
  cleanup() {
    const ids = new Set();
    const list = (filter) => {
      try {
        for (const id of docker('ps', '-aq', '--no-trunc', '--filter', filter).split('\n').filter(Boolean)) ids.add(id);
      } catch {
        // engine gone: nothing to list
      }
    };
    list(`label=${BENCH_LABEL}=${this.runId}`);
    const sidecars = new Set();
    for (const t of this.targets) {
      const before = ids.size;
      list(`label=io.cdebug.target=${t}`);
      if (ids.size > before) sidecars.add(t);
    }
    for (const t of this.targets) ids.add(t);
    const leftSidecars = [...ids].filter((id) => !this.targets.includes(id)).length;
    if (ids.size > 0) spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
    return { removed: ids.size, leftSidecars };
  }
}

/** `cdebug serve` on 127.0.0.1 with a port the kernel picks; resolves once it prints its URL */
export async function startService({ token, env = {}, nodeArgs = [] }) {
  const child = spawn(process.execPath, [...nodeArgs, CLI, 'serve', '--port', '0', '--token', token], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CDEBUG_LOG_LEVEL: 'error', CDEBUG_IDLE_TIMEOUT: '0', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`cdebug serve printed no URL within 30 s: ${stderr}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`127.0.0.1:${m[1]}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cdebug serve exited ${code}: ${stderr}`));
    });
  });
  child.stdout.resume();
  return {
    child,
    pid: child.pid,
    base,
    token,
    get stderr() {
      return stderr;
    },
    /** SIGTERM: the service ends its sessions and removes their sidecars */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** the resident set of a process, in bytes (Linux) */
export function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

/** CPU time (user + system) a process has used so far, in clock ticks (Linux) */
export function cpuTicksOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the fields after the command's name, which is in parentheses and may hold spaces
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Resolves once `pid` has used no CPU for `quietMs` (or after `maxMs`): e.g. the service's
 * screen mirror parsing the end of a flood, which must not overlap the other side's flood.
 */
export async function cpuQuiet(pid, { quietMs = 300, maxMs = 10_000, stepMs = 50 } = {}) {
  const deadline = Date.now() + maxMs;
  let last = cpuTicksOf(pid);
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    const ticks = cpuTicksOf(pid);
    if (ticks !== last) {
      last = ticks;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
  }
}
