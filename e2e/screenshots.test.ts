// Screenshots of the main screens, light and dark (the page follows the system's colour scheme):
// the container list, and a session with `ls -l /` in a distroless target. Written to
// reports/screenshots/ on every run; with CDEBUG_UPDATE_SCREENSHOTS=1 the session screens also
// replace docs/screenshot-light.png and docs/screenshot-dark.png (README, extension labels).

import { randomBytes } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './helpers/docker.js';
import { SCREENSHOTS, useE2E } from './helpers/harness.js';
import { REPO } from './helpers/service.js';
import { PROMPT, screenText, typeLine, waitForScreen } from './helpers/terminal.js';
import { containerRow, debugFromList, openApp, showContainers } from './helpers/ui.js';
import { waitFor } from './helpers/wait.js';

const UPDATE_DOCS = process.env.CDEBUG_UPDATE_SCREENSHOTS === '1';
const WIDTH = 1280;
const HEIGHT = 800;

/** Relative luminance (0 black, 1 white) of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The colour actually painted behind an element: its own background, else the nearest ancestor's. */
async function backgroundOf(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      for (let e: Element | null = element; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
      }
      return 'rgb(255, 255, 255)';
    });
}

describe('screenshots', () => {
  const e2e = useE2E();
  let target: Target;

  beforeAll(async () => {
    // a name that reads well in the screenshots
    target = await startTarget(`distroless-app-${randomBytes(2).toString('hex')}`);
  });

  for (const mode of ['light', 'dark'] as const) {
    it(`${mode} mode: the container list and a session with ls -l /`, async () => {
      const page = await e2e.page({ colorScheme: mode, width: WIDTH, height: HEIGHT });
      await openApp(page, e2e.service);
      await containerRow(page, target.name).waitFor();
      // the page follows the system's colour scheme, the terminal too
      const page_bg = luminance(await backgroundOf(page, 'body'));
      if (mode === 'dark') expect(page_bg).toBeLessThan(0.2);
      else expect(page_bg).toBeGreaterThan(0.8);
      await page.getByRole('button', { name: mode === 'dark' ? 'Switch to light mode' : 'Switch to dark mode' }).waitFor();

      await page.mouse.move(WIDTH - 1, HEIGHT - 1);
      await page.screenshot({ path: join(SCREENSHOTS, `containers-${mode}.png`) });

      const { terminal } = await debugFromList(page, target.name);
      await typeLine(page, terminal, 'ls -l /');
      // the listing, then the prompt again
      await waitForScreen(terminal, /ls -l \/$[\s\S]*\bsrv$[\s\S]*\n\S* ?# ?$(?![\s\S]*\S)/m, 'ls -l / to finish');
      expect(await screenText(terminal)).toMatch(PROMPT);
      const terminal_bg = luminance(await backgroundOf(page, '.xterm-rows:visible'));
      if (mode === 'dark') expect(terminal_bg).toBeLessThan(0.2);
      else expect(terminal_bg).toBeGreaterThan(0.8);

      await page.mouse.move(WIDTH - 1, HEIGHT - 1);
      // the cursor blinks: wait for the session's state to settle, not for a frame
      await waitFor(async () => (await page.getByRole('status').count()) === 0 || undefined, { what: 'no status message over the terminal' });
      const shot = join(SCREENSHOTS, `session-${mode}.png`);
      await page.screenshot({ path: shot });
      if (UPDATE_DOCS) copyFileSync(shot, join(REPO, 'docs', `screenshot-${mode}.png`));

      await showContainers(page);
    });
  }
});
