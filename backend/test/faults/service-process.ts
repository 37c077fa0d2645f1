// The service as its users run it: `node backend/bin/cdebug.js serve` in a process of its own,
// so that a test can SIGKILL it, start it again on the same port (same owner label, so it
// re-adopts its sidecars), and read its open file descriptors and memory from /proc.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Session } from '../../src/contract/index.js';
import { CLI, ensureBuilt, REPO_ROOT } from '../helpers/cli.js';
import { freePort } from '../helpers/net.js';
import { sessionCalls } from '../helpers/service-client.js';
import { loopbackServeOwner } from '../kit/owners.js';

export interface ServiceProcessOptions {
  /** the engine (DOCKER_HOST); default: this process's */
  dockerHost?: string;
  /** a port to reuse (a restart); default: a free one */
  port?: number;
  token?: string;
  /** extra environment, e.g. CDEBUG_IDLE_TIMEOUT */
  env?: Record<string, string>;
  /** options for node before the CLI, e.g. an --import of a test's loader hook */
  nodeArgs?: string[];
}

export interface ServiceProcess {
  readonly pid: number;
  readonly port: number;
  readonly token: string;
  /** the owner label its sidecars carry: stable for one port, so a restart re-adopts them */
  readonly owner: string;
  /** what it wrote on stderr so far (its log), for failure messages */
  log(): string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  createSession(body: Record<string, unknown>): Promise<Session>;
  session(id: string): Promise<Session>;
  wsUrl(id: string): string;
  /** open file descriptors, from /proc/<pid>/fd */
  fds(): number;
  /** resident memory in KiB, from /proc/<pid>/status */
  rssKiB(): number;
  /** sends the signal and waits for the exit; resolves with the exit code or signal */
  kill(signal: NodeJS.Signals): Promise<number | NodeJS.Signals>;
  readonly exited: Promise<number | NodeJS.Signals>;
}

/** starts `cdebug serve` and resolves once it has printed its URL (it listens then) */
export async function startServiceProcess(options: ServiceProcessOptions = {}): Promise<ServiceProcess> {
  ensureBuilt();
  const port = options.port ?? (await freePort());
  const token = options.token ?? randomBytes(16).toString('base64url');
  const env: NodeJS.ProcessEnv = { ...process.env, CDEBUG_IDLE_TIMEOUT: '0', CDEBUG_LOG_LEVEL: 'warn', ...options.env };
  if (options.dockerHost) env.DOCKER_HOST = options.dockerHost;
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), CLI, 'serve', '--host', '127.0.0.1', '--port', String(port), '--token', token],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid ?? -1;
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-20_000);
  });
  // a test run that dies (or a test that fails before its clean-up) leaves no service behind
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once('exit', (code, signal) => {
      process.off('exit', killOnExit);
      resolve(signal ?? code ?? -1);
    });
  });
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('the service printed no URL within 30 s')), 30_000);
    const onData = (b: Buffer) => {
      stdout += b.toString('utf8');
      if (stdout.includes('#token=')) done();
    };
    const onExit = () => fail(new Error('the service exited before it listened'));
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      // keep draining: a full pipe would block the service
      child.stdout?.resume();
      resolve();
    };
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(new Error(`${err.message}; stderr:\n${stderr}`));
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });

  // one connection per request (no keep-alive): the service's open descriptors then count only
  // what it holds itself, not idle connections a test left in a pool
  const api = <T>(method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: T }>((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent: false,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    pid,
    port,
    token,
    owner: loopbackServeOwner(port, pid),
    log: () => stderr,
    api,
    ...sessionCalls(port, token, api),
    fds: () => readdirSync(`/proc/${pid}/fd`).length,
    rssKiB: () => {
      const line = readFileSync(`/proc/${pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('VmRSS:'));
      return Number(line?.replace(/\D+/g, '') ?? NaN);
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    exited,
  };
}
