// Targets in the tests' own containerd (scripts/containerd.sh), made with `ctr` and removed
// after, and the checks that a session left nothing there: no container, task or snapshot of
// cdebug's, no FIFO directory.

import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { connectContainerd } from '../../src/runtimes/containerd/client/connect.js';
import { SPEC_TYPE_URL } from '../../src/runtimes/containerd/client/messages.js';
import { resolveToolkit } from '../../src/runtimes/containerd/toolkit.js';

const run = promisify(execFile);

export const SOCKET = process.env.CDEBUG_CONTAINERD_SOCKET ?? '/run/cdebug-containerd/containerd.sock';
export const HOST = `containerd://${SOCKET}`;
export const DISTROLESS = 'docker.io/cdebug-fixture/distroless:latest';
export const BUSYBOX = 'docker.io/cdebug-fixture/busybox:latest';

/** `ctr -a SOCKET -n NS ARGS...`, its stdout trimmed */
export async function ctr(namespace: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('ctr', ['-a', SOCKET, '-n', namespace, ...args], { encoding: 'utf8', timeout: 60_000 });
    return stdout.trim();
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`ctr -n ${namespace} ${args.join(' ')} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

export interface CtrTarget {
  id: string;
  namespace: string;
}

const made: CtrTarget[] = [];
let counter = 0;

export interface CtrTargetOptions {
  namespace?: string;
  image?: string;
  /** `ctr run` options, e.g. --read-only, --cap-drop CAP_... */
  runArgs?: string[];
  /** the command, when not the image's own */
  args?: string[];
  /** uid:gid the target runs as: ctr 1.6 has no --user, so the container is made with its spec changed */
  user?: { uid: number; gid: number };
  /** no capability at all (ctr 1.6 takes no --cap-drop ALL): made with its spec changed too */
  noCapabilities?: boolean;
}

/** a running target: `ctr run -d`, or for another user ctr's own spec with the user changed */
export async function startCtrTarget(opts: CtrTargetOptions = {}): Promise<CtrTarget> {
  const namespace = opts.namespace ?? 'default';
  const id = `ctrd-${process.pid}-${counter++}-${Date.now().toString(36)}`;
  const image = opts.image ?? DISTROLESS;
  const target = { id, namespace };
  made.push(target);
  const base = ['--label', 'io.cdebug.fixture=1', ...(opts.runArgs ?? []), image, id, ...(opts.args ?? [])];
  if (!opts.user && !opts.noCapabilities) {
    await ctr(namespace, 'run', '-d', ...base);
    return target;
  }
  // ctr's own spec for the image, read from a container made for that only
  const model = `${id}-spec`;
  await ctr(namespace, 'containers', 'create', ...base.slice(0, -1 - (opts.args?.length ?? 0)), model, ...(opts.args ?? []));
  const info = JSON.parse(await ctr(namespace, 'containers', 'info', model)) as {
    Spec: { process: { user: Record<string, unknown>; capabilities?: Record<string, string[]> }; linux?: { cgroupsPath?: string } };
  };
  await ctr(namespace, 'containers', 'rm', model);
  if (opts.user) info.Spec.process.user = { uid: opts.user.uid, gid: opts.user.gid };
  if (opts.noCapabilities) info.Spec.process.capabilities = { bounding: [], effective: [], permitted: [], inheritable: [], ambient: [] };
  if (info.Spec.linux) info.Spec.linux.cgroupsPath = `/${namespace}/${id}`;
  const client = connectContainerd(SOCKET, namespace);
  try {
    await client.call('containers', 'Create', {
      container: {
        id,
        labels: { 'io.cdebug.fixture': '1' },
        image,
        runtime: { name: 'io.containerd.runc.v2' },
        spec: { typeUrl: SPEC_TYPE_URL, value: Buffer.from(JSON.stringify(info.Spec)) },
        snapshotter: 'overlayfs',
        snapshotKey: id,
      },
    });
    // the container holds the snapshot from its creation on (an unheld one is garbage)
    const toolkit = await resolveToolkit(client, image);
    await client.call('snapshots', 'Prepare', { snapshotter: 'overlayfs', key: id, parent: toolkit.chainId, labels: {} });
  } finally {
    client.close();
  }
  await ctr(namespace, 'tasks', 'start', '-d', id);
  return target;
}

export async function stopCtrTarget(target: CtrTarget): Promise<void> {
  await ctr(target.namespace, 'tasks', 'kill', '-s', 'SIGKILL', target.id).catch(() => undefined);
  for (let i = 0; i < 50; i++) {
    const status = await ctr(target.namespace, 'tasks', 'ls').catch(() => '');
    if (!new RegExp(`^${target.id}\\s+\\d+\\s+RUNNING`, 'm').test(status)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function removeCtrTargets(): Promise<void> {
  for (const t of made.splice(0)) {
    await stopCtrTarget(t);
    await ctr(t.namespace, 'tasks', 'delete', '-f', t.id).catch(() => undefined);
    // ctr removes the container's snapshot with it
    await ctr(t.namespace, 'containers', 'rm', t.id).catch(() => undefined);
  }
}

/** cdebug's containers, tasks and snapshots in a namespace, and its FIFO directories */
export async function leftovers(namespace: string): Promise<string[]> {
  const containers = (await ctr(namespace, 'containers', 'ls', '-q')).split('\n').filter((l) => l.startsWith('cdebug-'));
  const tasks = (await ctr(namespace, 'tasks', 'ls', '-q')).split('\n').filter((l) => l.startsWith('cdebug-'));
  const snapshots = (await ctr(namespace, 'snapshots', 'ls'))
    .split('\n')
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter((k) => k.startsWith('cdebug-'));
  const fifos = readdirSync(tmpdir()).filter((f) => f.startsWith('cdebug-fifo-'));
  return [
    ...containers.map((c) => `container ${c}`),
    ...tasks.map((t) => `task ${t}`),
    ...snapshots.map((s) => `snapshot ${s}`),
    ...fifos.map((f) => `fifo dir ${f}`),
  ];
}

/** nothing of cdebug's is left in the namespace (asked for a moment: a removal may be finishing) */
export async function expectNothingLeft(namespace = 'default'): Promise<void> {
  let left: string[] = [];
  for (let i = 0; i < 20; i++) {
    left = await leftovers(namespace);
    if (left.length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(left).toEqual([]);
}

/** the PIDs in the target's task with state Z */
export async function zombiesOf(target: CtrTarget): Promise<string[]> {
  const pids = (await ctr(target.namespace, 'tasks', 'ps', target.id)).split('\n').slice(1);
  const zombies: string[] = [];
  for (const line of pids) {
    const pid = line.trim().split(/\s+/)[0];
    if (!pid) continue;
    try {
      const { stdout } = await run('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' });
      if (/\) Z /.test(stdout)) zombies.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return zombies;
}
