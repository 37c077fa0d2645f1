// The engine side of the end-to-end tests: fixture targets (started with the docker CLI, as a
// user would) and the check that no cdebug sidecar outlives what started it.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { parseSidecars, type SidecarRow, sidecarPsArgs, targetArgs } from '../../backend/test/kit/engine.js';

export { BUSYBOX_IMAGE as TOOLKIT_IMAGE, FIXTURE_IMAGE as TARGET_IMAGE } from '../../backend/test/kit/engine.js';

const run = promisify(execFile);

export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

/** A container name that no other run (or other test) on this engine uses. */
export function uniqueName(tag: string): string {
  return `cdebug-e2e-${tag}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export interface Target {
  id: string;
  name: string;
}

/** The targets this process started and has not removed yet (removeAllTargets' list). */
const started = new Map<string, Target>();
/** Every target this process ever started: a sidecar on any of them is ours to account for. */
const everStarted = new Set<string>();

/** A running distroless fixture target: no shell, no tools, --network none. */
export async function startTarget(name: string = uniqueName('target')): Promise<Target> {
  const id = await docker(...targetArgs({ name }));
  const target = { id, name };
  started.set(id, target);
  everStarted.add(id);
  return target;
}

export async function stopTarget(target: Target): Promise<void> {
  await docker('stop', '-t', '5', target.id);
}

export async function removeTarget(target: Target): Promise<void> {
  started.delete(target.id);
  try {
    await docker('rm', '-f', '-v', target.id);
  } catch (err) {
    if (!/No such container/i.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
  }
}

export async function removeAllTargets(): Promise<void> {
  for (const target of [...started.values()]) await removeTarget(target);
}

export async function containerExists(id: string): Promise<boolean> {
  const out = await docker('ps', '-aq', '--no-trunc', '--filter', `id=${id}`);
  return out !== '';
}

export type Sidecar = SidecarRow;

/** Every cdebug sidecar on the engine (label io.cdebug.session), running or not. */
export async function sidecars(): Promise<Sidecar[]> {
  return parseSidecars(await docker(...sidecarPsArgs(['--no-trunc'])));
}

/**
 * The sidecars that belong to this test run: started by the given service (its owner label),
 * or attached to one of this process's targets. The engine may be shared with other work
 * (other services, `cdebug exec`), whose sidecars are not ours to judge.
 */
export async function ourSidecars(owner: string | null): Promise<Sidecar[]> {
  return (await sidecars()).filter((s) => (owner !== null && s.owner === owner) || everStarted.has(s.target));
}
