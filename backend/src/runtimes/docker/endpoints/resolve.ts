// Which engine a command talks to, with the docker CLI's precedence:
//   --host, --context (both at once is an error), DOCKER_HOST, DOCKER_CONTEXT,
//   config.json's currentContext, then the default socket.
// The "default" context is the one that is not stored: DOCKER_HOST (or --host) with the TLS
// variables (DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH), or the default socket.
// Pure apart from the StoreFiles it is handed.

import { join } from 'node:path';
import { fail, ok, type Result } from '../../../contract/index.js';
import { readContext, readContexts, readCurrentContext, type StoredContext } from './contexts.js';
import { configDir, nodeFiles, type StoreFiles } from './store.js';
import { type ContextEntry, DEFAULT_CONTEXT, DEFAULT_SOCKET_HOST, type EndpointSource, type EngineEndpoint, type EngineTls } from './types.js';

export interface EndpointSelection {
  /** --host URL */
  host?: string;
  /** --context NAME */
  context?: string;
}

const SCHEMES = new Set(['unix:', 'tcp:', 'ssh:', 'http:', 'https:']);

/** A DOCKER_HOST-style address, checked; `host:port` alone means tcp, as for the docker CLI. */
export function normalizeHost(text: string, what = 'the engine address'): Result<string> {
  const value = text.trim();
  const withScheme = value.includes('://') ? value : `tcp://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail('bad_request', `${what} "${text}" is not a URL: give unix:///path, tcp://host:port or ssh://user@host`);
  }
  if (!SCHEMES.has(url.protocol)) {
    return fail('bad_request', `${what} "${text}" uses ${url.protocol}//, which cdebug cannot dial: give unix://, tcp:// or ssh://`);
  }
  if (url.protocol === 'unix:' ? url.pathname === '' || url.pathname === '/' : url.hostname === '') {
    return fail('bad_request', `${what} "${text}" names no ${url.protocol === 'unix:' ? 'socket' : 'host'}`);
  }
  return ok(withScheme);
}

/** TLS from the environment, for a tcp:// DOCKER_HOST or --host. Only files that exist are named. */
export function envTls(host: string, env: NodeJS.ProcessEnv, files: StoreFiles): EngineTls | undefined {
  if (host.startsWith('https://')) return { verify: true, ...certFiles(env.DOCKER_CERT_PATH || configDir(env), files) };
  if (!host.startsWith('tcp://')) return undefined;
  // the docker CLI's rule: any non-empty value switches these on
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return undefined;
  return { verify, ...certFiles(env.DOCKER_CERT_PATH || configDir(env), files) };
}

function certFiles(dir: string, files: StoreFiles): Omit<EngineTls, 'verify'> {
  const found: Omit<EngineTls, 'verify'> = {};
  for (const part of ['ca', 'cert', 'key'] as const) {
    const path = join(dir, `${part}.pem`);
    if (files.exists(path)) found[part] = path;
  }
  return found;
}

function defaultEndpoint(host: string | undefined, source: EndpointSource, env: NodeJS.ProcessEnv, files: StoreFiles): Result<EngineEndpoint> {
  if (!host) return ok({ name: DEFAULT_CONTEXT, host: DEFAULT_SOCKET_HOST, source });
  const normal = normalizeHost(host, source === 'flag' ? '--host' : 'DOCKER_HOST');
  if (!normal.ok) return normal;
  const tls = envTls(normal.value, env, files);
  return ok({ name: DEFAULT_CONTEXT, host: normal.value, ...(tls ? { tls } : {}), source });
}

function storedEndpoint(context: StoredContext, source: EndpointSource): Result<EngineEndpoint> {
  if (!context.host) return fail('bad_request', `the Docker context "${context.name}" has no docker endpoint`);
  const normal = normalizeHost(context.host, `the context "${context.name}"'s host`);
  if (!normal.ok) return normal;
  return ok({ name: context.name, host: normal.value, ...(context.tls ? { tls: context.tls } : {}), source });
}

function namedEndpoint(name: string, source: EndpointSource, env: NodeJS.ProcessEnv, files: StoreFiles): Result<EngineEndpoint> {
  if (name === DEFAULT_CONTEXT) return defaultEndpoint(env.DOCKER_HOST || undefined, source, env, files);
  const context = readContext(configDir(env), name, files);
  return context.ok ? storedEndpoint(context.value, source) : context;
}

/** The context the environment selects, and what selected it (none of --host/--context given). */
function environmentChoice(env: NodeJS.ProcessEnv, files: StoreFiles): Result<{ name: string; source: EndpointSource }> {
  if (env.DOCKER_HOST) return ok({ name: DEFAULT_CONTEXT, source: 'env' });
  if (env.DOCKER_CONTEXT) return ok({ name: env.DOCKER_CONTEXT, source: 'env' });
  const current = readCurrentContext(configDir(env), files);
  if (!current.ok) return current;
  return ok(current.value ? { name: current.value, source: 'context' } : { name: DEFAULT_CONTEXT, source: 'default' });
}

/** The one engine a command talks to. */
export function resolveEndpoint(selection: EndpointSelection, env: NodeJS.ProcessEnv, files: StoreFiles = nodeFiles): Result<EngineEndpoint> {
  if (selection.host !== undefined && selection.context !== undefined) {
    return fail('bad_request', 'give --host or --context, not both');
  }
  if (selection.host !== undefined) return defaultEndpoint(selection.host, 'flag', env, files);
  if (selection.context !== undefined) return namedEndpoint(selection.context, 'flag', env, files);
  const choice = environmentChoice(env, files);
  if (!choice.ok) return choice;
  return namedEndpoint(choice.value.name, choice.value.source, env, files);
}

/**
 * Every context, as `docker context ls` lists them: "default" first, then the stored ones by
 * name; `current` marks the one the environment selects. Contexts without a docker endpoint
 * (Kubernetes-only ones) are left out: they name no engine.
 */
export function listContexts(env: NodeJS.ProcessEnv, files: StoreFiles = nodeFiles): Result<ContextEntry[]> {
  const choice = environmentChoice(env, files);
  if (!choice.ok) return choice;
  const stored = readContexts(configDir(env), files);
  if (!stored.ok) return stored;
  const local = defaultEndpoint(env.DOCKER_HOST || undefined, env.DOCKER_HOST ? 'env' : 'default', env, files);
  if (!local.ok) return local;
  const entries: ContextEntry[] = [
    { name: DEFAULT_CONTEXT, description: 'Current DOCKER_HOST based configuration', endpoint: local.value, current: choice.value.name === DEFAULT_CONTEXT },
  ];
  for (const context of stored.value) {
    if (context.name === DEFAULT_CONTEXT || !context.host) continue;
    const endpoint = storedEndpoint(context, 'context');
    if (!endpoint.ok) return endpoint;
    entries.push({
      name: context.name,
      ...(context.description ? { description: context.description } : {}),
      endpoint: endpoint.value,
      current: choice.value.name === context.name,
    });
  }
  // A current context that does not exist marks none: the list still shows what there is, and
  // resolveEndpoint says what is wrong when a command needs it.
  return ok(entries);
}

/** The endpoint of every context, in listContexts' order. */
export function resolveEndpoints(env: NodeJS.ProcessEnv, files: StoreFiles = nodeFiles): Result<EngineEndpoint[]> {
  const entries = listContexts(env, files);
  return entries.ok ? ok(entries.value.map((e) => e.endpoint)) : entries;
}
