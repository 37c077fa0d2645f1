// One service and one browser per test file; a fresh browser context per test. After each test:
// its pages closed, its sessions ended through the API, and no sidecar of ours left on the engine
// (asserted). After the file: targets removed, service stopped (which asserts again), browser closed.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, newPage, type PageOptions } from './browser.js';
import { ourSidecars, removeAllTargets } from './docker.js';
import { REPO, type Service, startService } from './service.js';
import { waitFor } from './wait.js';

export const SCREENSHOTS = join(REPO, 'reports', 'screenshots');

export interface E2E {
  readonly service: Service;
  readonly browser: Browser;
  /** a page in a fresh context, closed after the test */
  page(options?: PageOptions): Promise<Page>;
}

export function useE2E(): E2E {
  let service: Service | null = null;
  let browser: Browser | null = null;
  const contexts: Array<{ context: BrowserContext; errors: string[] }> = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [service, browser] = await Promise.all([startService(), launchBrowser()]);
  });

  afterEach(async (test) => {
    for (const { context, errors } of contexts.splice(0)) {
      if (errors.length > 0 && test.task.result?.state === 'fail') console.error(`page errors in "${test.task.name}":\n${errors.join('\n')}`);
      await context.close();
    }
    if (!service) return;
    await service.endAllSessions();
    const owner = service.owner;
    // DELETE answers once the sidecar is gone; allow the engine a moment all the same.
    const left = await waitFor(
      async () => ((await ourSidecars(owner)).length === 0 ? [] : undefined),
      {
        what: 'no cdebug sidecar of this test left on the engine',
        timeout: 30_000,
      },
      async () => JSON.stringify(await ourSidecars(owner)),
    ).catch(async () => ourSidecars(owner));
    expect(left, 'sidecars (label io.cdebug.session) left behind by this test').toEqual([]);
    expect(await service.sessions(), 'sessions left on the service').toEqual([]);
  });

  afterAll(async () => {
    const problems: unknown[] = [];
    const attempt = async (step: () => Promise<void>) => {
      try {
        await step();
      } catch (err) {
        problems.push(err);
      }
    };
    await attempt(async () => browser?.close());
    await attempt(async () => service?.stop());
    await attempt(removeAllTargets);
    if (problems.length > 0) throw problems[0];
  });

  return {
    get service() {
      if (!service) throw new Error('the service is not started (beforeAll failed?)');
      return service;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (beforeAll failed?)');
      return browser;
    },
    async page(options) {
      if (!browser) throw new Error('the browser is not launched (beforeAll failed?)');
      const { context, page, errors } = await newPage(browser, options);
      contexts.push({ context, errors });
      return page;
    },
  };
}
