// Debian's Chromium driven by playwright-core. Never a browser that a tool downloads: the build
// machines cannot download one (scripts/browser.sh installs Debian's package when it is absent).

import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CDEBUG_CHROMIUM ?? '/usr/bin/chromium';

/** The flags the build machines need (FACTS.md); playwright gives each launch a fresh profile directory. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run scripts/browser.sh (as root it installs Debian's chromium), or set CDEBUG_CHROMIUM`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 120_000 });
}

export interface PageOptions {
  colorScheme?: 'light' | 'dark';
  width?: number;
  height?: number;
}

/** A fresh context (its own storage: no remembered tab, choices or colour mode) and one page in it. */
export async function newPage(
  browser: Browser,
  { colorScheme = 'light', width = 1280, height = 800 }: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ colorScheme, viewport: { width, height }, reducedMotion: 'reduce' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  // Uncaught errors in the page are worth a look when a test fails.
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}
