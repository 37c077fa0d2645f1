// The set-up the fault tests on one service share: a service process for the file, targets and
// clients that are cleaned up after each test (its sessions deleted, no sidecar of them left),
// and the service stopped with SIGTERM (exit status 0) at the end.

import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { expectNoSidecars, Targets } from '../server/engine-fixtures.js';
import type { TermClient } from '../server/term-client.js';
import { type ServiceProcess, startServiceProcess } from './service-process.js';

export interface FaultService {
  readonly targets: Targets;
  /** clients a test opened; disposed after it */
  readonly clients: TermClient[];
  /** the file's service: there once beforeAll has run */
  readonly service: ServiceProcess;
}

export interface FaultServiceOptions {
  /** after the service stopped, check that none of its sidecars is left at all; default true */
  noSidecarsAfterStop?: boolean;
}

/** registers the hooks (call it at the top of a test file) and hands out what they set up */
export function faultService(options: FaultServiceOptions = {}): FaultService {
  const targets = new Targets();
  const clients: TermClient[] = [];
  let service: ServiceProcess | undefined;
  const current = (): ServiceProcess => {
    if (!service) throw new Error('the fault service is not started yet (use it inside a test or hook)');
    return service;
  };

  beforeAll(async () => {
    service = await startServiceProcess();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.dispose();
    const svc = current();
    for (const s of (await svc.api<Session[]>('GET', routes.sessions)).body) await svc.api('DELETE', routes.session(s.id));
    const ids = [...targets.ids];
    targets.removeAll();
    await expectNoSidecars(svc.owner, ids);
  });
  afterAll(async () => {
    if (service) {
      expect(await service.kill('SIGTERM')).toBe(0);
      if (options.noSidecarsAfterStop !== false) await expectNoSidecars(service.owner);
    }
    targets.removeAll();
  });

  return {
    targets,
    clients,
    get service(): ServiceProcess {
      return current();
    },
  };
}
