// Containers that are not running, for the copy tests (exec-stopped*.test.ts): made with the
// docker CLI (the `copy-it-` prefix, the fixture label, no network), what they look like to
// compare before and after a session, and the check that no copy or committed image is left.

import { expect } from 'vitest';
import { COPY_LABELS } from '../../src/sidecar/spec.js';
import { docker, FIXTURE_LABEL, poll } from './docker.js';

const made: string[] = [];
const madeImages: string[] = [];
const madeVolumes: string[] = [];
let count = 0;

export const uniqueName = (what: string): string => `copy-it-${what}-${process.pid}-${count++}-${Date.now().toString(36)}`;

/** `docker create` (or `run -d` when `run`) with the fixture label and no network; gives name and id */
export async function original(what: string, args: readonly string[], opts: { run?: boolean } = {}): Promise<{ name: string; id: string }> {
  const name = uniqueName(what);
  const id = await docker(...(opts.run ? ['run', '-d'] : ['create']), '--network', 'none', '--label', FIXTURE_LABEL, '--name', name, ...args);
  made.push(id);
  return { name, id };
}

/** a container that ran and exited on its own with status `code` */
export async function exitedOriginal(what: string, args: readonly string[], script: string): Promise<{ name: string; id: string }> {
  const o = await original(what, [...args, 'busybox:latest', 'sh', '-c', script], { run: true });
  await poll(
    () => docker('inspect', '-f', '{{.State.Status}}', o.id),
    (s) => s === 'exited',
    `${o.name} to exit`,
  );
  return o;
}

export function rememberImage(ref: string): void {
  madeImages.push(ref);
}

export function rememberVolume(name: string): void {
  madeVolumes.push(name);
}

export async function removeOriginals(): Promise<void> {
  const ids = made.splice(0);
  // Podman can refuse to remove a container its restart policy is restarting: try again
  for (let attempt = 0; attempt < 5 && ids.length > 0; attempt++) {
    await docker('rm', '-f', '-v', ...ids).catch(() => undefined);
    const left = await docker('ps', '-a', '-q', '--no-trunc', ...ids.flatMap((id) => ['--filter', `id=${id}`]));
    if (left === '') break;
  }
  if (madeImages.length > 0) await docker('rmi', '-f', ...madeImages.splice(0)).catch(() => undefined);
  if (madeVolumes.length > 0) await docker('volume', 'rm', '-f', ...madeVolumes.splice(0)).catch(() => undefined);
}

/** everything about a container that a session must not change */
export async function snapshot(id: string): Promise<{ state: unknown; diff: string; logs: string }> {
  const state = JSON.parse(
    await docker(
      'inspect',
      '-f',
      '{{json .State.Status}} {{json .State.ExitCode}} {{json .State.StartedAt}} {{json .State.FinishedAt}} {{json .RestartCount}} {{json .Config}} {{json .HostConfig.Binds}}',
      id,
    ).then((line) => `[${line.split(' ').join(',')}]`),
  ) as unknown;
  return { state, diff: await docker('diff', id), logs: await docker('logs', id) };
}

/** containers and images that copy sessions of these originals (ids) left: none, after a short grace */
export async function expectNoCopies(ofIds: readonly string[]): Promise<void> {
  const left = async () => {
    const found: string[] = [];
    for (const id of ofIds) {
      const filter = `label=${COPY_LABELS.of}=${id}`;
      const containers = await docker('ps', '-a', '-q', '--filter', filter);
      const images = await docker('images', '-q', '--filter', filter);
      if (containers) found.push(`containers ${containers.replace(/\n/g, ' ')}`);
      if (images) found.push(`images ${images.replace(/\n/g, ' ')}`);
    }
    return found;
  };
  const found = await poll(left, (l) => l.length === 0, 'no copy left', 5000).catch(left);
  expect(found, 'copies or committed images left behind').toEqual([]);
}

/** the first `cdebug:` line of a session's stderr: where its writes go */
export const NOTE = /^cdebug: .* this shell runs in a copy of it; changes stay in the copy/m;
