// What the push benchmarks share: a `cdebug serve` of their own whose engine is reached through
// a counting proxy, and the page open in Debian's Chromium (playwright-core), as a user has it.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { countingProxy } from './counting-proxy.mjs';
import { startService } from './env.mjs';

const CHROMIUM = process.env.CDEBUG_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function openLivePage(ctx) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/browser.sh`);
  const proxy = await countingProxy(join(tmpdir(), `cdebug-bench-${ctx.runId}-${randomBytes(4).toString('hex')}.sock`));
  const token = `bench-${randomBytes(12).toString('hex')}`;
  let service = null;
  let browser = null;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await service?.stop().catch(() => undefined);
    await proxy.close();
  };
  try {
    service = await startService({ token, env: { DOCKER_HOST: proxy.url, DOCKER_CONTEXT: '' } });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 120_000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(60_000);
    // the page drops the token from its address once read: other pages need this one
    const url = `http://${service.base}/#token=${token}`;
    await page.goto(url);
    await page.getByRole('heading', { name: 'cdebug', level: 1 }).waitFor();
    return { page, proxy, service, url, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** the container list's row for a container name */
export function rowOf(page, name) {
  return page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
}
