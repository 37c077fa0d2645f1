// The engine side that backend, e2e and packaging tests share: the fixture images, how a fixture
// target is started (the `docker run` options and its ready line), how sidecars are listed by
// their labels (taken from the code that puts them on, not re-typed), and a poll that says what
// it waited for. Each suite runs `docker` its own way (sync, async, a private engine's CLI);
// these are the parts that must not differ between them.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LABELS } from '../../src/sidecar/spec.js';

export { LABELS };

export const FIXTURE_IMAGE = 'cdebug-fixture/distroless:latest';
export const NIXKIT_IMAGE = 'cdebug-fixture/nixkit:latest';
export const BUSYBOX_IMAGE = 'busybox:latest';
/** every container a test starts carries it, so that a clean-up finds them all (scripts/test.sh) */
export const FIXTURE_LABEL = 'io.cdebug.fixture=1';
/** what a fixture target prints once it is ready (scripts/fixtures/target.c) */
export const READY_LINE = 'cdebug fixture target ready';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** calls `probe` until `ok` holds; past `ms`, fails with what was awaited and the last value seen */
export async function poll<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(value)?.slice(0, 500)})`);
    await sleep(100);
  }
}

export interface TargetRun {
  name: string;
  image?: string;
  /** more `docker run` options, e.g. ['-u', '65532'] or ['-e', 'CDEBUG_WHERE=private'] */
  extra?: readonly string[];
  /** `docker create` instead of `docker run -d`: a target that is not running */
  createOnly?: boolean;
}

/** the `docker` arguments that start a fixture target: no network, the fixture label, a name */
export function targetArgs({ name, image = FIXTURE_IMAGE, extra = [], createOnly = false }: TargetRun): string[] {
  return [...(createOnly ? ['create'] : ['run', '-d']), '--network', 'none', '--label', FIXTURE_LABEL, '--name', name, ...extra, image];
}

/** the `docker` arguments of a throwaway container (removed when it ends): no network, the fixture label; `extra` before the image */
export function throwawayArgs(image: string, command: readonly string[], extra: readonly string[] = []): string[] {
  return ['run', '--rm', '--network', 'none', '--label', FIXTURE_LABEL, ...extra, image, ...command];
}

/** waits until a started target has printed its ready line, read with `logs` */
export function untilReady(logs: () => string | Promise<string>, name: string): Promise<string> {
  return poll(logs, (out) => out.includes(READY_LINE), `target ${name} to be ready`);
}

/** runs `docker ARGS...` and gives its trimmed stdout: the shared engine's CLI, sync or not, or a private engine's */
export type DockerRunner = (...args: string[]) => string | Promise<string>;

/** starts a fixture target on `engine` and, unless `createOnly`, waits for its ready line; gives its id */
export async function startFixtureTarget(engine: { docker: DockerRunner }, run: TargetRun): Promise<string> {
  const id = await engine.docker(...targetArgs(run));
  if (!run.createOnly) await untilReady(() => engine.docker('logs', id), run.name);
  return id;
}

/** a container's file as the engine's own copy reads it (`docker cp`, no sidecar involved): what a download through cdebug is compared with */
export async function engineCopy(engine: { docker: DockerRunner }, container: string, path: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'cdebug-engine-copy-'));
  try {
    await engine.docker('cp', `${container}:${path}`, join(dir, 'file'));
    return readFileSync(join(dir, 'file'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** a `docker ps` filter for the sidecars of one owner */
export const ownerFilter = (owner: string): string => `label=${LABELS.owner}=${owner}`;
/** a `docker ps` filter for every sidecar, or for one session's */
export const sessionFilter = (session?: string): string => `label=${LABELS.session}${session === undefined ? '' : `=${session}`}`;

export interface SidecarRow {
  id: string;
  name: string;
  session: string;
  owner: string;
  target: string;
}

/** `docker ps` arguments that list every sidecar with its labels, for `parseSidecars`; `extra` e.g. ['--no-trunc'] */
export function sidecarPsArgs(extra: readonly string[] = []): string[] {
  const format = ['{{.ID}}', '{{.Names}}', LABELS.session, LABELS.owner, LABELS.target]
    .map((field) => (field.startsWith('{{') ? field : `{{.Label "${field}"}}`))
    .join('\t');
  return ['ps', '-a', ...extra, '--filter', sessionFilter(), '--format', format];
}

export function parseSidecars(out: string): SidecarRow[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', name = '', session = '', owner = '', target = ''] = line.split('\t');
      return { id, name, session, owner, target };
    });
}

/** the ids of the sidecars that these owners started or that sit on these targets */
export function sidecarIds(rows: readonly SidecarRow[], owners: readonly string[], targetIds: readonly string[]): string[] {
  return rows.filter((s) => owners.includes(s.owner) || targetIds.includes(s.target)).map((s) => s.id);
}
