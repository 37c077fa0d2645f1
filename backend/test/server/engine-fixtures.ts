// Real containers for the service's integration tests: distroless targets started with the
// docker CLI (network none, fixture label), removed after; and the check that no sidecar is
// left behind.

import { execFileSync } from 'node:child_process';

export const FIXTURE_IMAGE = 'cdebug-fixture/distroless:latest';

export const docker = (...args: string[]): string =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function poll<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(value)?.slice(0, 500)})`);
    await sleep(100);
  }
}

export class Targets {
  readonly ids: string[] = [];

  /** a running distroless target that has said it is ready */
  async start(): Promise<{ id: string; name: string }> {
    const name = `cdebug-it-${process.pid}-${this.ids.length}-${Date.now().toString(36)}`;
    const id = docker('run', '-d', '--network', 'none', '--label', 'io.cdebug.fixture=1', '--name', name, FIXTURE_IMAGE);
    this.ids.push(id);
    await poll(
      () => docker('logs', id),
      (logs) => logs.includes('cdebug fixture target ready'),
      'the target to be ready',
    );
    return { id, name };
  }

  removeAll(): void {
    for (const id of this.ids.splice(0)) {
      try {
        docker('rm', '-f', id);
      } catch {
        // already gone
      }
    }
  }
}

/** sidecars (io.cdebug.session) that this test run made: by its owner or by its targets */
export function sidecarsOf(owner: string, targetIds: readonly string[] = []): string[] {
  const lines = docker('ps', '-a', '--filter', 'label=io.cdebug.session', '--format', '{{.ID}} {{.Label "io.cdebug.owner"}} {{.Label "io.cdebug.target"}}');
  return lines
    .split('\n')
    .filter(Boolean)
    .filter((line) => {
      const [, o, t] = line.split(' ');
      return o === owner || (t !== undefined && targetIds.includes(t));
    })
    .map((line) => line.split(' ')[0] as string);
}

/** the rule after every test: none of ours is left (AutoRemove may take a moment) */
export async function expectNoSidecars(owner: string, targetIds: readonly string[] = []): Promise<void> {
  await poll(
    () => sidecarsOf(owner, targetIds),
    (left) => left.length === 0,
    `no sidecar of ${owner} left`,
    15_000,
  );
}
