// The running service behind `cdebug serve`: connect the engines, build the app, listen,
// print the URL, and shut down cleanly on SIGINT/SIGTERM (listeners closed, clients told with
// 1001, sessions ended and their sidecars removed, unless they are to be kept).

import { spawn } from 'node:child_process';
import { DEFAULT_ENGINE_NAME } from '../contract/index.js';
import { engineEntry } from '../runtimes/adapters.js';
import { publishedLoopbackPort } from '../runtimes/docker/self/published-port.js';
import type { NamedEngine } from '../runtimes/docker/spec.js';
import { EnginePool } from '../runtimes/pool.js';
import { engineStatuses } from './engine-reads.js';
import { buildApp } from './app.js';
import { listen, serviceUrl } from './listen.js';
import type { OriginPolicy } from './guard.js';
import { newToken } from './token.js';
import { AuditLog } from './audit/log.js';

/** What `cdebug serve` decided from its flags and environment (cli/serve/serve.ts plans it). */
export interface ServePlan {
  socketPath: string | null;
  tcp: { host: string; port: number; allowRemote: boolean; publishedOnLoopback: boolean } | null;
  /** null: made at start */
  token: string | null;
  open: boolean;
  keepSessions: boolean;
  idleTimeoutSeconds: number;
  allowedOrigins: string[];
  originPolicy: OriginPolicy;
  uiDir: string | undefined;
  logLevel: string;
  owner: string;
  /** the engines by name; empty: the environment's engine, named "default" */
  engines: NamedEngine[];
  /** null with no --engine */
  defaultEngine: string | null;
  /** where session events are appended */
  auditLog: string;
}

/** Where the service says what it does: the URL on stdout, the rest on stderr. */
export interface ServiceIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser here: the URL is printed anyway
  }
}

function signalled(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * Behind the engine's port publishing (the extension's compose file publishes its TCP port on an
 * ephemeral port of the host's loopback), the host's port, from this container's own inspect:
 * the UI is told that one, and the Host check accepts it.
 */
async function learnPublishedPort(plan: ServePlan, addresses: NamedEngine[], io: ServiceIo): Promise<number | null> {
  if (!plan.tcp?.publishedOnLoopback) return null;
  const address = addresses.find((a) => a.name === plan.defaultEngine) ?? addresses[0];
  if (!address) return null;
  const found = await publishedLoopbackPort(address, plan.tcp.port, io.env);
  if (found.port === null) {
    io.stderr.write(`cdebug: published port unknown (${found.why}): clients use port ${plan.tcp.port}\n`);
    return null;
  }
  io.stderr.write(`cdebug: port ${plan.tcp.port} is published on the host's 127.0.0.1:${found.port}\n`);
  return found.port;
}

export async function runService(plan: ServePlan, io: ServiceIo): Promise<number> {
  const addresses = plan.engines.length > 0 ? plan.engines : [{ name: DEFAULT_ENGINE_NAME }];
  const engines = new EnginePool(
    // each by its address's kind: Docker's API, containerd's or a CRI runtime's (runtimes/adapters.ts)
    await Promise.all(addresses.map((address) => engineEntry(address, plan.owner, io.env))),
    plan.defaultEngine ?? undefined,
  );
  for (const status of await engineStatuses(engines)) {
    const name = engines.size > 1 ? ` "${status.name}"${status.default ? ' (default)' : ''}` : '';
    if (status.engine) io.stderr.write(`cdebug: engine${name} ${status.engine.name} ${status.engine.version} at ${status.host}\n`);
    else
      io.stderr.write(`cdebug: warning: ${status.error?.message ?? `engine${name} does not answer.`} The service starts anyway; sessions need the engine.\n`);
  }

  const token = plan.token ?? newToken();
  const auditLog = new AuditLog(plan.auditLog, {
    warn: (obj, msg) => io.stderr.write(`cdebug: warning: ${msg} (${plan.auditLog}: ${errorText(obj)})\n`),
  });
  const app = buildApp({
    auditLog,
    engines,
    token,
    idleTimeoutSeconds: plan.idleTimeoutSeconds,
    keepSessionsOnClose: plan.keepSessions,
    allowedOrigins: plan.allowedOrigins,
    originPolicy: plan.originPolicy,
    ...(plan.uiDir ? { uiDir: plan.uiDir } : {}),
    logger: { level: plan.logLevel },
  });
  const publishedPort = await learnPublishedPort(plan, addresses, io);
  const listening = await listen(app, { socketPath: plan.socketPath, tcp: plan.tcp && { ...plan.tcp, publishedPort } });
  const stop = signalled();

  if (plan.socketPath) io.stderr.write(`cdebug: listening on unix socket ${plan.socketPath} (no token)\n`);
  if (plan.tcp && listening.port !== null) {
    const url = serviceUrl(plan.tcp.host, listening.port, token);
    io.stderr.write(`cdebug: serving the UI and API on ${plan.tcp.host}:${listening.port}; open:\n`);
    io.stdout.write(`${url}\n`);
    if (plan.open) openBrowser(url);
  }

  const signal = await stop;
  io.stderr.write(`cdebug: ${signal}: ${plan.keepSessions ? 'leaving sessions running' : 'ending sessions'} and shutting down\n`);
  const forced = signalled().then(() => {
    io.stderr.write('cdebug: forced exit: sidecars may be left behind (the next start removes them)\n');
    process.exit(1);
  });
  void forced;
  await listening.close();
  return 0;
}

function errorText(obj: object): string {
  const err = (obj as { err?: unknown }).err;
  return err instanceof Error ? err.message : String(err);
}
