// Reads the docker CLI's context store, as `docker context ls` does:
//   <config>/config.json                               {"currentContext": NAME}
//   <config>/contexts/meta/<sha256(NAME)>/meta.json    {"Name", "Metadata": {"Description"},
//                                                       "Endpoints": {"docker": {"Host", "SkipTLSVerify"}}}
//   <config>/contexts/tls/<sha256(NAME)>/docker/{ca,cert,key}.pem
// Pure apart from the StoreFiles it is handed. Errors are values: a broken store is the user's
// to fix, and the message says which file.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../contract/index.js';
import type { StoreFiles } from './store.js';
import type { EngineTls } from './types.js';

export interface StoredContext {
  name: string;
  description?: string;
  /** the docker endpoint's Host; undefined when the context has no docker endpoint */
  host?: string;
  tls?: EngineTls;
}

/** The folder name the docker CLI gives a context: the hex SHA-256 of its name. */
export function contextId(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string, file: string): Result<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail('bad_request', `${file} is not valid JSON (${(err as Error).message}): fix or remove it`);
  }
  return isObject(value) ? ok(value) : fail('bad_request', `${file} does not hold a JSON object: fix or remove it`);
}

/** config.json's currentContext; undefined when the file or the key is absent. */
export function readCurrentContext(dir: string, files: StoreFiles): Result<string | undefined> {
  const file = join(dir, 'config.json');
  const text = files.readText(file);
  if (text === null || text.trim() === '') return ok(undefined);
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const current = json.value.currentContext;
  return ok(typeof current === 'string' && current !== '' ? current : undefined);
}

/** One meta.json, without its TLS files (pure: text in, context out). */
export function parseContextMeta(text: string, file = 'meta.json'): Result<Omit<StoredContext, 'tls'> & { skipTlsVerify: boolean }> {
  const json = parseJson(text, file);
  if (!json.ok) return json;
  const { Name: name, Metadata: metadata, Endpoints: endpoints } = json.value;
  if (typeof name !== 'string' || name === '') return fail('bad_request', `${file} names no context ("Name" is missing)`);
  const docker = isObject(endpoints) ? endpoints.docker : undefined;
  const host = isObject(docker) && typeof docker.Host === 'string' && docker.Host !== '' ? docker.Host : undefined;
  const skipTlsVerify = isObject(docker) && docker.SkipTLSVerify === true;
  const description = isObject(metadata) && typeof metadata.Description === 'string' && metadata.Description !== '' ? metadata.Description : undefined;
  return ok({ name, ...(description ? { description } : {}), ...(host ? { host } : {}), skipTlsVerify });
}

/**
 * A context's TLS, as the docker CLI builds it: the PEM files that exist under its tls folder;
 * no TLS at all when there are none and verification is not switched off.
 */
function contextTls(dir: string, id: string, skipTlsVerify: boolean, files: StoreFiles): EngineTls | undefined {
  const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
  const tls: EngineTls = { verify: !skipTlsVerify };
  for (const part of ['ca', 'cert', 'key'] as const) {
    const path = join(tlsDir, `${part}.pem`);
    if (files.exists(path)) tls[part] = path;
  }
  const any = tls.ca !== undefined || tls.cert !== undefined || tls.key !== undefined;
  return any || skipTlsVerify ? tls : undefined;
}

function loadContext(dir: string, id: string, files: StoreFiles): Result<StoredContext | null> {
  const file = join(dir, 'contexts', 'meta', id, 'meta.json');
  const text = files.readText(file);
  if (text === null) return ok(null);
  const meta = parseContextMeta(text, file);
  if (!meta.ok) return meta;
  const { skipTlsVerify, ...rest } = meta.value;
  const tls = rest.host?.startsWith('tcp://') ? contextTls(dir, id, skipTlsVerify, files) : undefined;
  return ok({ ...rest, ...(tls ? { tls } : {}) });
}

/** The context of that name; fails when the store has none. */
export function readContext(dir: string, name: string, files: StoreFiles): Result<StoredContext> {
  const found = loadContext(dir, contextId(name), files);
  if (!found.ok) return found;
  if (found.value === null) {
    return fail('bad_request', `no Docker context is named "${name}" (in ${join(dir, 'contexts')}): see \`cdebug contexts\``);
  }
  if (found.value.name !== name) {
    return fail('bad_request', `the context folder for "${name}" holds "${found.value.name}": the store in ${join(dir, 'contexts')} is damaged`);
  }
  return ok(found.value);
}

/** Every stored context (without "default", which is not stored), sorted by name. */
export function readContexts(dir: string, files: StoreFiles): Result<StoredContext[]> {
  const contexts: StoredContext[] = [];
  for (const id of files.list(join(dir, 'contexts', 'meta'))) {
    const found = loadContext(dir, id, files);
    if (!found.ok) return found;
    if (found.value) contexts.push(found.value);
  }
  return ok(contexts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}
