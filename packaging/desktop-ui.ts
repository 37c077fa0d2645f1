// The extension's own UI (the image's /ui) in Chromium, in a stand-in for Docker Desktop's host
// (desktop-host.ts: the page gets a `window.ddClient` whose backend calls reach the service's unix
// socket), against the image's service run as Desktop runs it: Debug → a shell → typing →
// output, the screen after a reload, in Desktop's light and dark themes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage } from '../e2e/helpers/browser.js';
import { marker, screenRows, terminalOf, typeLine, waitForPrompt, waitForScreen } from '../e2e/helpers/terminal.js';
import { debugFromList } from '../e2e/helpers/ui.js';
import { DD_CLIENT_SCRIPT, type DesktopHost, startDesktopHost } from './desktop-host.js';
import { docker } from './docker.js';
import { call } from './http.js';

export interface DesktopUiContext {
  image: string;
  /** the service's unix socket, as Desktop reaches it */
  socketPath: string;
  /** a running fixture target's name */
  target: string;
}

/** the image's /ui, copied out of a container that is created and never started */
function copyUi(image: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdebug-desktop-ui-'));
  const id = docker('create', image);
  try {
    docker('cp', `${id}:/ui`, dir);
  } finally {
    docker('rm', id);
  }
  return join(dir, 'ui');
}

/** the page's background colour's lightness, 0 (black) to 255 (white) */
async function backgroundLightness(page: Page): Promise<number> {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r = 0, g = 0, b = 0] = (colour.match(/\d+/g) ?? []).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function desktopUiCases(context: () => DesktopUiContext): void {
  describe('its UI in a stand-in for Docker Desktop (the image /ui, ddClient reaching the socket, Chromium)', () => {
    let uiDir = '';
    let host: DesktopHost | null = null;
    let browser: Browser | null = null;

    beforeAll(async () => {
      uiDir = copyUi(context().image);
      host = await startDesktopHost(uiDir, context().socketPath);
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
      await host?.close();
      if (uiDir) rmSync(join(uiDir, '..'), { recursive: true, force: true });
    });

    async function desktopPage(colorScheme: 'light' | 'dark') {
      if (!browser || !host) throw new Error('the Desktop stand-in did not start');
      const opened = await newPage(browser, { colorScheme });
      await opened.page.addInitScript(DD_CLIENT_SCRIPT);
      await opened.page.goto(host.url);
      await opened.page.getByRole('heading', { name: 'cdebug', level: 1 }).waitFor();
      return opened;
    }

    it('Debug opens a shell in the target through the socket and the published port; after a reload the screen is back', async () => {
      const { context: browserContext, page, errors } = await desktopPage('light');
      try {
        const { target } = context();
        const session = await debugFromList(page, target);
        const typed = marker('DD');
        await typeLine(page, session.terminal, `echo ${typed.expr}; ls /srv`);
        await waitForScreen(session.terminal, new RegExp(`^${typed.printed}$`, 'm'));
        await waitForScreen(session.terminal, /README\.fixture/);
        await waitForPrompt(session.terminal);

        await page.reload();
        await page.getByRole('heading', { name: 'cdebug', level: 1 }).waitFor();
        const after = terminalOf(page, session.id);
        await after.waitFor({ state: 'visible' });
        await waitForScreen(after, new RegExp(`^${typed.printed}$`, 'm'), 'the earlier output after the reload');
        const again = marker('DDAGAIN');
        await typeLine(page, after, `echo ${again.expr}`);
        await waitForScreen(after, new RegExp(`^${again.printed}$`, 'm'));
        expect((await screenRows(after)).filter((row) => row === typed.printed)).toHaveLength(1);
        // the UI talked to the service through ddClient only: no error toast, nothing thrown
        expect(
          await page.evaluate(() => (window as unknown as { __desktopToasts: string[][] }).__desktopToasts.filter(([level]) => level === 'error')),
        ).toEqual([]);
        expect(errors).toEqual([]);
        expect((await call({ socketPath: context().socketPath }, 'DELETE', `/api/sessions/${session.id}`)).status).toBeLessThan(300);
      } finally {
        await browserContext.close();
      }
    });

    it("follows Desktop's theme: light and dark", async () => {
      const light = await desktopPage('light');
      const dark = await desktopPage('dark');
      try {
        await light.page.getByRole('tab', { name: 'Containers' }).waitFor();
        await dark.page.getByRole('tab', { name: 'Containers' }).waitFor();
        expect(await backgroundLightness(light.page)).toBeGreaterThan(200);
        expect(await backgroundLightness(dark.page)).toBeLessThan(80);
        expect([...light.errors, ...dark.errors]).toEqual([]);
      } finally {
        await light.context.close();
        await dark.context.close();
      }
    });
  });
}
