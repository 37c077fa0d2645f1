// `--engine NAME=URL` as `cdebug serve` takes it: a safe name and an engine address the
// connection layer understands. Pure: the CLI's plan checks every entry before anything runs.

import { fail, isEngineName, ok, type Result } from '../contract/index.js';

/** how to reach one engine */
export interface EngineAddress {
  name: string;
  /** a DOCKER_HOST-style URL; absent: the environment's engine (DOCKER_HOST or the default socket) */
  url?: string;
}

const SCHEMES = new Set(['unix:', 'tcp:', 'http:', 'https:', 'ssh:']);

export function parseEngineSpec(text: string): Result<Required<EngineAddress>> {
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

/** every entry checked, names unique, the default among them (the first one unless named) */
export function planEngines(specs: readonly string[], defaultName?: string): Result<{ engines: Array<Required<EngineAddress>>; defaultName: string | null }> {
  const engines: Array<Required<EngineAddress>> = [];
  for (const spec of specs) {
    const parsed = parseEngineSpec(spec);
    if (!parsed.ok) return parsed;
    if (engines.some((e) => e.name === parsed.value.name)) return fail('bad_request', `--engine ${spec}: the name "${parsed.value.name}" is given twice`);
    engines.push(parsed.value);
  }
  if (defaultName !== undefined && !engines.some((e) => e.name === defaultName)) {
    const known = engines.length > 0 ? `one of ${engines.map((e) => e.name).join(', ')}` : 'configured with --engine NAME=URL first';
    return fail('bad_request', `--default-engine ${defaultName}: no engine has that name (give ${known})`);
  }
  return ok({ engines, defaultName: defaultName ?? engines[0]?.name ?? null });
}
