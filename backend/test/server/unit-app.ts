// An app with fake engines, for the server's unit tests (inject/injectWS; no Docker, no port).

import type { ContainerSummary, EngineInfo } from '../../src/contract/index.js';
import { CdebugError } from '../../src/contract/index.js';
import { type AppOptions, buildApp } from '../../src/server/app.js';
import type { CatalogEngine, ContainerScope, ImageDetails, LocalImage } from '../../src/runtimes/port.js';
import { FailureTracker } from '../../src/server/failures.js';
import { FakeEngine } from './fake-engine.js';

export const TOKEN = 'unit-test-token-0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export class FakeCatalog implements CatalogEngine {
  reachable = true;
  running: ContainerSummary[] = [];
  /** listed with ?all=1 only */
  stopped: ContainerSummary[] = [];
  images_: LocalImage[] = [{ tags: ['busybox:latest'], labels: {} }];
  debuggable: ImageDetails[] = [];
  /** each container's whole log, by name or id */
  logLines = new Map<string, string[]>();

  async describe(): Promise<EngineInfo> {
    if (!this.reachable) throw new CdebugError('engine_unreachable', 'The container engine does not answer.');
    return { name: 'Docker Engine', version: '99.0.0', apiVersion: '1.99' };
  }

  async containers(_signal?: AbortSignal, scope: ContainerScope = 'running'): Promise<ContainerSummary[]> {
    return scope === 'all' ? [...this.running, ...this.stopped] : this.running;
  }

  async images(): Promise<LocalImage[]> {
    return this.images_;
  }

  async debuggableImages(): Promise<ImageDetails[]> {
    return this.debuggable;
  }

  async logs(ref: string, tail: number): Promise<string[]> {
    const lines = this.logLines.get(ref);
    if (!lines) throw new CdebugError('target_not_found', `No container named or with id "${ref}".`);
    return lines.slice(-tail);
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
