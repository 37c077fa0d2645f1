// Real containers for the service's integration tests: distroless targets started with the
// docker CLI (network none, fixture label), removed after; and the check that no sidecar is
// left behind. The shared parts (target options, sidecar labels, poll) are in ../kit/engine.ts.

import { execFileSync } from 'node:child_process';
import { parseSidecars, poll, sidecarIds, sidecarPsArgs, startFixtureTarget } from '../kit/engine.js';

export { FIXTURE_IMAGE, poll, sleep } from '../kit/engine.js';

export const docker = (...args: string[]): string =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();

export class Targets {
  readonly ids: string[] = [];

  /** a running distroless target that has said it is ready */
  async start(): Promise<{ id: string; name: string }> {
    const name = `cdebug-it-${process.pid}-${this.ids.length}-${Date.now().toString(36)}`;
    const id = await startFixtureTarget({ docker }, { name });
    this.ids.push(id);
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

/** sidecars (short ids) that this test run made: by its owner or on its targets */
export function sidecarsOf(owner: string, targetIds: readonly string[] = []): string[] {
  return sidecarIds(parseSidecars(docker(...sidecarPsArgs())), [owner], targetIds);
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
