// The extension's own UI (the image's /ui) in Chromium, in a stand-in for Docker Desktop's host
// (desktop-host.ts: the page gets a `window.ddClient` whose backend calls reach the service's unix
// socket), against the image's service run as Desktop runs it: Debug → a shell → typing →
// output, the screen after a reload, a port-forward opened by its link (the forward's name
// through the service's port), a target's file downloaded through a one-time link, in Desktop's
// light and dark themes.

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
import { engineCopy } from '../backend/test/kit/engine.js';
import { call } from './http.js';

export interface DesktopUiContext {
  image: string;
  /** the service's unix socket, as Desktop reaches it */
  socketPath: string;
  /** the port the host's browser reaches the service on (Desktop: the published one) */
  servicePort: number;
  /** a running fixture target's name */
  target: string;
  /** a running `--network none` target serving HTTP on its 127.0.0.1:8080 only (backend/test/helpers/forward-target.ts) */
  forwardTarget: string;
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

    it("forwards a port: the link Desktop opens is the forward's name through the service's port, and Chromium reaches the target by it", async () => {
      const { context: browserContext, page, errors } = await desktopPage('light');
      const { forwardTarget, servicePort, socketPath } = context();
      try {
        await page.getByRole('tab', { name: 'Containers' }).click();
        await page.getByRole('button', { name: `Forward a port of ${forwardTarget}`, exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `Forward a port of ${forwardTarget}` });
        // suggested from what listens in the target's network namespace; typed where it is not
        // (checked at the end, so that the link is tried either way and one run says both)
        const chip = dialog.getByRole('button', { name: 'Port 8080' });
        const suggested = await chip.waitFor({ timeout: 60_000 }).then(
          () => true,
          () => false,
        );
        const dialogText = await dialog.textContent({ timeout: 5000 }).catch(() => '(no dialog found)');
        if (suggested) await chip.click();
        else await dialog.getByLabel('Port in the container').fill('8080');
        await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });

        // what the page asked Desktop to open in the host's browser
        const opened = await page.evaluate(() => (window as unknown as { __desktopOpened: string[] }).__desktopOpened);
        expect(opened).toHaveLength(1);
        const url = opened[0] ?? '';
        expect(url).toMatch(new RegExp(`^http://f-[0-9a-f]{16}\\.localhost:${servicePort}/$`));
        await page.getByRole('link', { name: url }).waitFor();

        // the host's browser, as openExternal would: Chromium resolves *.localhost to loopback itself
        const tab = await browserContext.newPage();
        const answer = await tab.goto(url);
        expect(answer?.status()).toBe(200);
        expect((await tab.textContent('body'))?.trim()).toBe('forwarded-ok');
        // a second page on it (Chromium may reuse the connection): the target's again
        expect((await (await tab.goto(url))?.text())?.trim()).toBe('forwarded-ok');

        await page.getByRole('button', { name: `Stop forwarding ${forwardTarget}:8080` }).click();
        await page.getByRole('link', { name: url }).waitFor({ state: 'detached' });
        // a stopped forward's name is refused by the service, not left to hang
        // (a query of its own: the page's earlier answer may come from Chromium's cache, as any page's would)
        const gone = await (await browserContext.newPage()).goto(`${url}?after-stop`);
        expect(gone?.status()).toBe(404);
        expect(errors).toEqual([]);
        expect((await call({ socketPath }, 'GET', '/api/forwards')).body).toEqual([]);
        const ports = await call({ socketPath }, 'GET', `/api/containers/${encodeURIComponent(forwardTarget)}/ports`);
        expect(suggested, `port 8080 was not suggested; the dialog said ${JSON.stringify(dialogText)}; the ports route: ${JSON.stringify(ports)}`).toBe(true);
      } finally {
        await browserContext.close();
      }
    });

    it("downloads a target's file: the one-time link the service gives is what Desktop opens in the host's browser, and it works once", async () => {
      const { context: browserContext, page, errors } = await desktopPage('light');
      const { target, servicePort, socketPath } = context();
      try {
        const session = await debugFromList(page, target);
        const details = page.getByRole('complementary', { name: 'Session details' }).filter({ visible: true });
        await details.getByLabel('Path in the target').fill('/etc/fixture-release');
        await details.getByRole('button', { name: 'Download', exact: true }).click();
        await details.getByText('/etc/fixture-release opens in your browser, which saves it', { exact: false }).waitFor();

        const opened = await page.evaluate(() => (window as unknown as { __desktopOpened: string[] }).__desktopOpened);
        expect(opened).toHaveLength(1);
        const url = opened[0] ?? '';
        expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${servicePort}/downloads/[0-9a-f]{32}$`));
        // the host's browser has no token: the link alone is enough, once
        const first = await fetch(url);
        expect(first.status, first.status === 200 ? '' : await first.clone().text()).toBe(200);
        expect(first.headers.get('content-disposition')).toBe('attachment; filename="fixture-release"');
        expect(Buffer.from(await first.arrayBuffer()).equals(await engineCopy({ docker }, target, '/etc/fixture-release'))).toBe(true);
        expect((await fetch(url)).status).toBe(404);
        expect(errors).toEqual([]);
        expect((await call({ socketPath }, 'DELETE', `/api/sessions/${session.id}`)).status).toBeLessThan(300);
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
