// `--engine NAME=URL` and `--context NAME` as `cdebug serve` takes them: a safe name, and an
// engine address or a Docker context for the connection layer to resolve. Pure: the CLI's
// plan checks every entry before anything runs (a context is read when the service starts).

import { fail, isEngineName, ok, type Result } from '../contract/index.js';

/** how to reach one engine; with neither `url` nor `context`: the environment's engine */
export interface EngineAddress {
  name: string;
  /** a DOCKER_HOST-style URL */
  url?: string;
  /** a Docker context, by its name (which is the engine's name too) */
  context?: string;
}

const SCHEMES = new Set(['unix:', 'tcp:', 'http:', 'https:', 'ssh:']);

export function parseEngineSpec(text: string): Result<{ name: string; url: string }> {
  const eq = text.indexOf('=');
  if (eq < 0) return fail('bad_request', `--engine ${text}: give NAME=URL, e.g. --engine local=unix:///var/run/docker.sock`);
  const name = text.slice(0, eq);
  const url = text.slice(eq + 1);
  if (!isEngineName(name)) {
    return fail('bad_request', `--engine ${text}: "${name}" is not a usable engine name (letters, digits, ".", "_" and "-", starting with a letter or digit, 63 at most)`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('bad_request', `--engine ${text}: "${url}" is not a URL (unix:///path, tcp://host:port or ssh://user@host)`);
  }
  if (!SCHEMES.has(parsed.protocol)) return fail('bad_request', `--engine ${text}: ${parsed.protocol} is not an engine address (unix://, tcp:// or ssh://)`);
  if (parsed.protocol === 'unix:' ? parsed.pathname === '' || parsed.pathname === '/' : parsed.hostname === '') {
    return fail('bad_request', `--engine ${text}: the address names no ${parsed.protocol === 'unix:' ? 'socket' : 'host'}`);
  }
  return ok({ name, url });
}

/**
 * Every entry checked, names unique (a context's name is its engine's), the default among them:
 * the first --engine, else the first --context, unless named.
 */
export function planEngines(
  specs: readonly string[],
  defaultName?: string,
  contexts: readonly string[] = [],
): Result<{ engines: EngineAddress[]; defaultName: string | null }> {
  const engines: EngineAddress[] = [];
  for (const spec of specs) {
    const parsed = parseEngineSpec(spec);
    if (!parsed.ok) return parsed;
    if (engines.some((e) => e.name === parsed.value.name)) return fail('bad_request', `--engine ${spec}: the name "${parsed.value.name}" is given twice`);
    engines.push(parsed.value);
  }
  for (const context of contexts) {
    if (!isEngineName(context)) {
      return fail('bad_request', `--context ${context}: cdebug names the engine after the context, and "${context}" is not a usable engine name (letters, digits, ".", "_" and "-")`);
    }
    if (engines.some((e) => e.name === context)) return fail('bad_request', `--context ${context}: an engine named "${context}" is given already`);
    engines.push({ name: context, context });
  }
  if (defaultName !== undefined && !engines.some((e) => e.name === defaultName)) {
    const known = engines.length > 0 ? `one of ${engines.map((e) => e.name).join(', ')}` : 'configured with --engine NAME=URL or --context NAME first';
    return fail('bad_request', `--default-engine ${defaultName}: no engine has that name (give ${known})`);
  }
  return ok({ engines, defaultName: defaultName ?? engines[0]?.name ?? null });
}
