// The set-up every live-service test file shares: one service per file under the file's own
// owner label, its targets and terminal clients, and after each test the rule that every
// session is ended, every target removed and no sidecar of ours is left.

import { afterAll, afterEach, beforeAll } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { expectNoSidecars, Targets } from './engine-fixtures.js';
import { type LiveService, startService, testOwner } from './live-service.js';
import type { TermClient } from './term-client.js';

export interface LiveSuite {
  readonly owner: string;
  readonly targets: Targets;
  /** clients a test opened; disposed after it */
  readonly clients: TermClient[];
  /** the file's service (started in beforeAll) */
  readonly service: LiveService;
}

/** registers the hooks for a test file named `name` and gives what its tests use */
export function useLiveService(name: string): LiveSuite {
  const owner = testOwner(name);
  const targets = new Targets();
  const clients: TermClient[] = [];
  let service: LiveService | null = null;

  beforeAll(async () => {
    service = await startService(owner);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.dispose();
    if (service) for (const s of (await service.api<Session[]>('GET', routes.sessions)).body) await service.api('DELETE', routes.session(s.id));
    const ids = [...targets.ids];
    targets.removeAll();
    await expectNoSidecars(owner, ids);
  });
  afterAll(async () => {
    await service?.close();
    targets.removeAll();
    await expectNoSidecars(owner);
  });

  return {
    owner,
    targets,
    clients,
    get service() {
      if (!service) throw new Error('the service did not start (beforeAll failed?)');
      return service;
    },
  };
}
