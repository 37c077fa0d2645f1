// What a sidecar needs to know of a containerd target, read from its container's OCI spec (the
// environment, working directory and namespaces it runs with) and its task (the pid the host
// sees). Pure: the reads are target.ts's.

import type { TargetFacts } from '../../sidecar/spec.js';

interface OciNamespace {
  type?: unknown;
  path?: unknown;
}

interface OciSpecJson {
  process?: { env?: unknown; cwd?: unknown; user?: { uid?: unknown; gid?: unknown } };
  root?: { readonly?: unknown };
  linux?: { namespaces?: unknown };
}

/** a spec's JSON, or an empty one when it is none (a container made with no spec is rare, not fatal) */
export function parseSpec(value: Uint8Array | null | undefined): OciSpecJson {
  if (!value || value.length === 0) return {};
  try {
    const parsed = JSON.parse(Buffer.from(value).toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

function namespaces(spec: OciSpecJson): OciNamespace[] {
  const list = spec.linux?.namespaces;
  return Array.isArray(list) ? (list as OciNamespace[]) : [];
}

/**
 * How the target's PID namespace reads in Docker's words (TargetFacts.pidMode), for the entry
 * script's search of the target's first process: none of its own is the host's ("host": the
 * target is its task's pid), one joined by path is another's ("container:": found by cgroup),
 * a new one is its own (PID 1).
 */
export function pidModeOf(spec: OciSpecJson): string {
  const pid = namespaces(spec).find((n) => n.type === 'pid');
  if (!pid) return 'host';
  if (typeof pid.path === 'string' && pid.path !== '') return `container:${pid.path}`;
  return '';
}

export function targetFacts(id: string, spec: OciSpecJson, taskPid: number): TargetFacts {
  const env = Array.isArray(spec.process?.env) ? spec.process.env.filter((e): e is string => typeof e === 'string') : [];
  const cwd = typeof spec.process?.cwd === 'string' ? spec.process.cwd : '/';
  return { id, name: id, env, workingDir: cwd, pidMode: pidModeOf(spec), ipcMode: 'private', hostPid: taskPid };
}

/** `uid:gid` the target runs as, for the container list ('' when the spec says nothing) */
export function userOf(spec: OciSpecJson): string {
  const uid = spec.process?.user?.uid;
  const gid = spec.process?.user?.gid;
  return typeof uid === 'number' ? `${uid}${typeof gid === 'number' ? `:${gid}` : ''}` : '';
}

export function isReadOnly(spec: OciSpecJson): boolean {
  return spec.root?.readonly === true;
}

/** 'host' when the target has no network namespace of its own, '' otherwise */
export function networkModeOf(spec: OciSpecJson): string {
  const net = namespaces(spec).find((n) => n.type === 'network');
  if (!net) return 'host';
  return typeof net.path === 'string' && net.path !== '' ? `ns:${net.path}` : '';
}
