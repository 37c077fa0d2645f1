// The real service, as a user starts it: `node backend/bin/cdebug.js serve` in a child process on
// 127.0.0.1 with a port the system picks (--port 0) and a token of ours. It prints the URL to
// open on stdout; we wait for that and for /api/health, and on stop() send SIGTERM (the service
// ends its sessions and removes their sidecars) and check that no sidecar of its own is left.

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session } from '../../backend/src/contract/index.js';
import { loopbackServeOwner } from '../../backend/test/kit/owners.js';
import { ourSidecars } from './docker.js';
import { waitFor } from './wait.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../backend/bin/cdebug.js', import.meta.url));

export interface Service {
  /** the URL the service printed: http://127.0.0.1:<port>/#token=<token> */
  url: string;
  origin: string;
  port: number;
  token: string;
  pid: number;
  /** the io.cdebug.owner label it puts on its sidecars */
  owner: string;
  /** everything it wrote so far, for failure messages */
  output(): string;
  api<T = unknown>(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  sessions(): Promise<Session[]>;
  /** DELETE every session this service has (each answers once its sidecar is gone) */
  endAllSessions(): Promise<void>;
  stop(): Promise<void>;
}

export async function startService(env: NodeJS.ProcessEnv = {}): Promise<Service> {
  const token = `e2e-${randomBytes(16).toString('hex')}`;
  // --report-on-signal: when it does not stop, SIGUSR2 makes Node write a diagnostic report
  // (JavaScript stack, open handles) that says what it was waiting for.
  const reportDir = mkdtempSync(join(tmpdir(), 'cdebug-e2e-report-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--report-on-signal', '--report-signal=SIGUSR2', `--report-directory=${reportDir}`, CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--token', token],
    {
      cwd: REPO,
      env: { ...process.env, CDEBUG_LOG_LEVEL: process.env.CDEBUG_LOG_LEVEL ?? 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('cdebug serve did not start');
  const output = () => out;

  let url: string;
  try {
    url = await waitFor(
      () => {
        if (exited) throw new Error(`cdebug serve exited (${JSON.stringify(exited)}) before printing its URL`);
        return /^(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)$/m.exec(out)?.[1];
      },
      { what: 'cdebug serve to print its URL', timeout: 60_000, interval: 50 },
      output,
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n--- service output ---\n${out}`, { cause: err });
  }
  const { origin, port } = new URL(url);

  async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${origin}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  await waitFor(
    async () => (await api<{ ok: boolean }>('/api/health')).body.ok === true,
    {
      what: `/api/health to answer ok at ${origin}`,
      timeout: 60_000,
    },
    output,
  );

  const service: Service = {
    url,
    origin,
    port: Number(port),
    token,
    pid,
    owner: loopbackServeOwner(0, pid),
    output,
    api,
    async sessions() {
      const { status, body } = await api<Session[]>('/api/sessions');
      if (status !== 200) throw new Error(`GET /api/sessions answered ${status}: ${JSON.stringify(body)}`);
      return body;
    },
    async endAllSessions() {
      for (const session of await service.sessions()) {
        const { status, body } = await api(`/api/sessions/${session.id}`, { method: 'DELETE' });
        if (status !== 204 && status !== 404) throw new Error(`DELETE /api/sessions/${session.id} answered ${status}: ${JSON.stringify(body)}`);
      }
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exit.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 60_000))]);
        if (!stopped) {
          const report = await diagnose(child, reportDir);
          child.kill('SIGKILL');
          await exit;
          throw new Error(
            `cdebug serve (pid ${pid}) did not stop within 60 s of SIGTERM\n--- service output ---\n${out}\n--- what it was waiting for ---\n${report}`,
          );
        }
      }
      rmSync(reportDir, { recursive: true, force: true });
      const left = await ourSidecars(service.owner);
      if (left.length > 0) {
        throw new Error(`sidecars left behind after the service stopped: ${JSON.stringify(left)}\n--- service output ---\n${out}`);
      }
    },
  };
  return service;
}

/** Asks a stuck service for Node's diagnostic report and sums up its stack and open handles. */
async function diagnose(child: ChildProcess, dir: string): Promise<string> {
  child.kill('SIGUSR2');
  let file: string | undefined;
  for (let i = 0; i < 50 && !file; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    file = readdirSync(dir).find((f) => f.endsWith('.json'));
  }
  if (!file) return '(no diagnostic report: the event loop may be blocked)';
  try {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      javascriptStack?: { message?: string; stack?: string[] };
      libuv?: Array<{ type: string; is_active: boolean; is_referenced?: boolean; localEndpoint?: unknown; remoteEndpoint?: unknown; filename?: string }>;
      workers?: unknown[];
    };
    const handles = (report.libuv ?? [])
      .filter((h) => h.is_active && h.is_referenced !== false)
      .map(
        (h) =>
          `${h.type}${h.localEndpoint ? ` local=${JSON.stringify(h.localEndpoint)}` : ''}${h.remoteEndpoint ? ` remote=${JSON.stringify(h.remoteEndpoint)}` : ''}${h.filename ? ` ${h.filename}` : ''}`,
      );
    return [`report: ${join(dir, file)}`, 'active handles:', ...handles.map((h) => `  ${h}`)].join('\n');
  } catch (err) {
    return `(unreadable report ${file}: ${String(err)})`;
  }
}
