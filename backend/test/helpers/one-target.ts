// One distroless target for a whole test file that does not change it: started before the
// first test, checked after each (no sidecar left, no file written, no zombie), removed at the end.

import { afterAll, afterEach, beforeAll } from 'vitest';
import { ensureBuilt, takeOwners } from './cli.js';
import { expectClean, removeTargets, startTarget, type Target } from './docker.js';

/** The file's target: filled in before the first test runs, so read it inside tests only. */
export function oneTargetPerFile(): Target {
  const target = {} as Target;
  beforeAll(async () => {
    ensureBuilt();
    Object.assign(target, await startTarget());
  });
  afterEach(async () => {
    await expectClean([target], takeOwners());
  });
  afterAll(removeTargets);
  return target;
}
