// `--engine NAME=URL` and `--context NAME` as `cdebug serve` takes them: a safe name, and an
// engine address or a Docker context for the connection layer to resolve. Pure: the CLI's
// plan checks every entry before anything runs (a context is read when the service starts).

import { fail, isEngineName, ok, type Result } from '../../contract/index.js';
import { normalizeHost } from './endpoints/resolve.js';

/** an engine the service drives, by its name, and how to reach it; with neither `url` nor
 * `context`: the environment's engine */
export interface NamedEngine {
  name: string;
  /** a DOCKER_HOST-style URL, or another adapter's address (cri://) */
  url?: string;
  /** a Docker context, by its name (which is the engine's name too) */
  context?: string;
}

/** checks an engine address and gives it back normalized, or says what is wrong with it; the CLI
 * passes runtimes/adapters.ts's, which knows containerd:// and cri:// too */
export type AddressCheck = (url: string, what: string) => Result<string>;

export function parseEngineSpec(text: string, normalize: AddressCheck = normalizeHost): Result<{ name: string; url: string }> {
  const eq = text.indexOf('=');
  if (eq < 0) return fail('bad_request', `--engine ${text}: give NAME=URL, e.g. --engine local=unix:///var/run/docker.sock`);
  const name = text.slice(0, eq);
  const url = text.slice(eq + 1);
  if (!isEngineName(name)) {
    return fail(
      'bad_request',
      `--engine ${text}: "${name}" is not a usable engine name (letters, digits, ".", "_" and "-", starting with a letter or digit, 63 at most)`,
    );
  }
  // the engine module's rule, as for --host: unix://, tcp:// (host:port alone too) or ssh://
  const normal = normalize(url, `--engine ${text}: the address`);
  if (!normal.ok) return normal;
  return ok({ name, url: normal.value });
}

/**
 * Every entry checked, names unique (a context's name is its engine's), the default among them:
 * the first --engine, else the first --context, unless named.
 */
export function planEngines(
  specs: readonly string[],
  defaultName?: string,
  contexts: readonly string[] = [],
  normalize: AddressCheck = normalizeHost,
): Result<{ engines: NamedEngine[]; defaultName: string | null }> {
  const engines: NamedEngine[] = [];
  for (const spec of specs) {
    const parsed = parseEngineSpec(spec, normalize);
    if (!parsed.ok) return parsed;
    if (engines.some((e) => e.name === parsed.value.name)) return fail('bad_request', `--engine ${spec}: the name "${parsed.value.name}" is given twice`);
    engines.push(parsed.value);
  }
  for (const context of contexts) {
    if (!isEngineName(context)) {
      return fail(
        'bad_request',
        `--context ${context}: cdebug names the engine after the context, and "${context}" is not a usable engine name (letters, digits, ".", "_" and "-")`,
      );
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
