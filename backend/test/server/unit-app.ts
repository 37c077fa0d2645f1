// An app with fake engines, for the server's unit tests (inject/injectWS; no Docker, no port).

import type { ContainerSummary, EngineInfo } from '../../src/contract/index.js';
import { CdebugError } from '../../src/contract/index.js';
import { type AppOptions, buildApp } from '../../src/server/app.js';
import type { CatalogEngine, LocalImage } from '../../src/runtimes/port.js';
import { FailureTracker } from '../../src/server/failures.js';
import { FakeEngine } from './fake-engine.js';

export const TOKEN = 'unit-test-token-0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export class FakeCatalog implements CatalogEngine {
  reachable = true;
  running: ContainerSummary[] = [];
  images_: LocalImage[] = [{ tags: ['busybox:latest'], labels: {} }];

  async describe(): Promise<EngineInfo> {
    if (!this.reachable) throw new CdebugError('engine_unreachable', 'The container engine does not answer.');
    return { name: 'Docker Engine', version: '99.0.0', apiVersion: '1.99' };
  }

  async containers(): Promise<ContainerSummary[]> {
    return this.running;
  }

  async images(): Promise<LocalImage[]> {
    return this.images_;
  }
}

/** options of the single-engine shape (a fake engine and catalog), overridable one by one */
type UnitAppOptions = Partial<Omit<AppOptions, 'engines'>>;

export function unitApp(options: UnitAppOptions = {}) {
  const engine = new FakeEngine();
  engine.addTarget('app');
  const catalog = new FakeCatalog();
  const app = buildApp({
    sessionEngine: engine,
    catalog,
    token: TOKEN,
    uiDir: null,
    idleTimeoutSeconds: 0,
    // no waiting in tests: 429 after 3 failures, no delays
    failures: new FailureTracker({ windowMs: 60_000, limit: 3, stepMs: 0, maxDelayMs: 0 }),
    ...options,
  });
  return { app, engine, catalog };
}
