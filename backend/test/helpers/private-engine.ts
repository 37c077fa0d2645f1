// A second, private Docker engine for the tests that must hurt or reconfigure an engine: restart
// it mid-session, listen on TCP with TLS, stop it while another keeps working. The shared engine
// that every other suite uses is never touched. Each private engine has its own data root, exec
// root (so its own containerd) and sockets under one short directory (unix socket paths are
// limited to 108 bytes), starts with the same no-bridge options as scripts/engine.sh, and gets
// the fixture images copied from the shared engine with `docker save | docker load`.

import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sleep } from './docker.js';

const run = promisify(execFile);

export interface PrivateEngineOptions {
  /** images copied from the shared engine once the private one answers */
  images?: readonly string[];
  /** more dockerd arguments, e.g. `-H tcp://127.0.0.1:PORT --tlsverify --tlscacert …` */
  extraArgs?: readonly string[];
}

export interface PrivateEngine {
  /** `unix:///…/d.sock`: give it as DOCKER_HOST or `--host` */
  readonly host: string;
  readonly socketPath: string;
  readonly dir: string;
  /** `docker ARGS…` against this engine; stdout trimmed, throws with stderr */
  docker(...args: string[]): Promise<string>;
  /** SIGTERM and wait until it is gone (containers die with it) */
  stop(): Promise<void>;
  /** start it again after stop(), same data root: images survive, containers are not restarted */
  start(): Promise<void>;
  /** stop, then remove its directories */
  dispose(): Promise<void>;
}

export async function startPrivateEngine(opts: PrivateEngineOptions = {}): Promise<PrivateEngine> {
  const dir = mkdtempSync('/tmp/cdpe-');
  const socketPath = join(dir, 'd.sock');
  const host = `unix://${socketPath}`;
  let child: ChildProcess | undefined;

  const docker = async (...args: string[]): Promise<string> => {
    try {
      const { stdout } = await run('docker', args, {
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 64 << 20,
        env: { ...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: '' },
      });
      return stdout.trim();
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`docker ${args.join(' ')} (private engine ${host}) failed: ${e.stderr?.trim() || e.message}`, { cause: err });
    }
  };

  const start = async (): Promise<void> => {
    const args = [
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      join(dir, 'x'),
      '--pidfile',
      join(dir, 'pid'),
      '-H',
      host,
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      ...(opts.extraArgs ?? []),
    ];
    const proc = spawn('dockerd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    let log = '';
    proc.stderr?.on('data', (b: Buffer) => {
      log = (log + b.toString('utf8')).slice(-4000);
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`private dockerd exited with ${proc.exitCode}: ${log}`);
      try {
        await docker('version', '--format', '{{.Server.Version}}');
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`private dockerd did not answer within 30 s: ${log}`);
        await sleep(200);
      }
    }
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    await gone;
    clearTimeout(timer);
  };

  const dispose = async (): Promise<void> => {
    await stop();
    // overlay mounts die with the engine; a leftover one would make rm fail, so unmount first
    await run('sh', ['-c', `grep -o " ${dir}[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l`]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await start();
    if (opts.images && opts.images.length > 0) {
      await run('sh', ['-c', `docker save ${opts.images.map((i) => `'${i}'`).join(' ')} | DOCKER_HOST='${host}' docker load -q`], {
        env: { ...process.env, DOCKER_CONTEXT: '' },
        maxBuffer: 16 << 20,
      });
    }
  } catch (err) {
    await dispose();
    throw err;
  }
  return { host, socketPath, dir, docker, stop, start, dispose };
}
