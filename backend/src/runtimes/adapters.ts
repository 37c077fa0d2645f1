// The one place that picks a runtime adapter by an engine address's scheme: containerd:// is
// containerd's native API (runtimes/containerd/), cri:// a Kubernetes CRI runtime (runtimes/cri/),
// everything else (unix://, tcp://, ssh://, a Docker context, the environment's engine) the Docker
// API (runtimes/docker/). The service's
// entry (server/run.ts) and the CLI (exec, serve) go through it, so that a new kind of engine is
// one branch here. Adapters are loaded only when picked: `cdebug exec` against Docker never
// loads gRPC, and the reverse.

import { CdebugError, type Result } from '../contract/index.js';
import type { EngineEntry } from './pool.js';
import type { SessionEngine } from './port.js';
import { criSocketPath, isCriAddress } from './cri/address.js';
import { environmentContainerd, formatContainerdAddress, isContainerdAddress, parseContainerdAddress } from './containerd/address.js';
import { normalizeHost } from './docker/endpoints/resolve.js';
import type { EndpointSelection } from './docker/endpoints/resolve.js';
import type { NamedEngine } from './docker/spec.js';

export type EngineKind = 'docker' | 'containerd' | 'cri';

export function engineKind(url: string | undefined): EngineKind {
  if (url === undefined) return 'docker';
  return isContainerdAddress(url) ? 'containerd' : isCriAddress(url) ? 'cri' : 'docker';
}

/** an engine address as `--engine NAME=URL` and `--host` take it, checked for its kind */
export function normalizeEngineAddress(url: string, what: string): Result<string> {
  if (engineKind(url) === 'containerd') {
    const parsed = parseContainerdAddress(url, undefined, what);
    return parsed.ok ? { ok: true, value: url.trim() } : parsed;
  }
  if (engineKind(url) === 'cri') {
    const path = criSocketPath(url);
    return path.ok ? { ok: true, value: url } : { ok: false, error: { code: path.error.code, message: `${what}: ${path.error.message}` } };
  }
  return normalizeHost(url, what);
}

/** a named engine of the service, by its address's kind */
export async function engineEntry(address: NamedEngine, owner: string, env: NodeJS.ProcessEnv): Promise<EngineEntry> {
  if (address.url !== undefined && engineKind(address.url) === 'containerd') {
    const { containerdEngineEntry } = await import('./containerd/entry.js');
    return containerdEngineEntry({ name: address.name, url: address.url }, owner);
  }
  if (address.url !== undefined && engineKind(address.url) === 'cri') {
    const { criRuntime } = await import('./cri/runtime.js');
    const runtime = criRuntime(address.url, { owner });
    // a socket path has no credentials to hide
    return { name: address.name, host: address.url, catalog: runtime.catalog, sessions: runtime.sessions };
  }
  const { dockerEngineEntry } = await import('./docker/entry.js');
  return dockerEngineEntry(address, owner, { env });
}

/** what `cdebug exec` drives: the session side, and how an error is said about the engine the user chose */
export interface ExecRuntime {
  sessions: SessionEngine;
  explain(err: unknown): unknown;
  /** lets the engine's connections go (a CLI run's last step) */
  close(): void;
}

/** `namespace`: --namespace, for a containerd address (its namespace) or a cri:// one (the Kubernetes namespace) */
export async function execRuntime(selection: EndpointSelection, env: NodeJS.ProcessEnv, owner: string, namespace?: string): Promise<ExecRuntime> {
  if (selection.host !== undefined && engineKind(selection.host) === 'containerd') {
    const parsed = parseContainerdAddress(selection.host, namespace, '--host');
    if (!parsed.ok) throw new CdebugError(parsed.error.code, parsed.error.message);
    const { connectContainerd } = await import('./containerd/client/connect.js');
    const { containerdRuntime } = await import('./containerd/runtime.js');
    const client = connectContainerd(parsed.value.socket, parsed.value.namespace);
    return { sessions: containerdRuntime(client, owner).sessions, explain: (err) => err, close: () => client.close() };
  }
  if (selection.host !== undefined && engineKind(selection.host) === 'cri') {
    const { criRuntime } = await import('./cri/runtime.js');
    const runtime = criRuntime(selection.host, { owner, namespace });
    return { sessions: runtime.sessions, explain: (err) => err, close: () => runtime.close() };
  }
  if (namespace !== undefined)
    throw new CdebugError(
      'bad_request',
      '--namespace is for a containerd or CRI engine: give --host containerd:///path/to/containerd.sock or cri:///path/to/socket with it.',
    );
  const { resolveEndpoint } = await import('./docker/endpoints/resolve.js');
  const { connectEndpoint, explainEngineError, PROBE_LIMITS } = await import('./docker/api/connect.js');
  const { dockerRuntime } = await import('./docker/runtime.js');
  const selected = resolveEndpoint(selection, env);
  if (!selected.ok) throw new CdebugError(selected.error.code, selected.error.message);
  const endpoint = selected.value;
  // `answers` dials afresh (PROBE_LIMITS)
  const runtime = dockerRuntime(connectEndpoint(endpoint), owner, () => connectEndpoint(endpoint, PROBE_LIMITS));
  return { sessions: runtime.sessions, explain: (err) => explainEngineError(err, endpoint), close: () => undefined };
}

/** the containerd the environment names (ctr's CONTAINERD_ADDRESS), for `cdebug contexts` */
export interface ContainerdListing {
  /** containerd:///path?namespace=NS: what --host and --engine take */
  address: string;
  /** its version when asked and it answered, or why not */
  probe(timeoutMs: number): Promise<{ ok: true; name: string; version: string; apiVersion: string } | { ok: false; message: string }>;
}

export function environmentContainerdListing(env: NodeJS.ProcessEnv): ContainerdListing | null {
  const found = environmentContainerd(env);
  if (!found) return null;
  return {
    address: formatContainerdAddress(found),
    async probe(timeoutMs) {
      const { connectContainerd } = await import('./containerd/client/connect.js');
      const { containerdCatalog } = await import('./containerd/catalog.js');
      const client = connectContainerd(found.socket, found.namespace);
      try {
        return { ok: true, ...(await containerdCatalog(client).describe(AbortSignal.timeout(timeoutMs))) };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      } finally {
        client.close();
      }
    },
  };
}
