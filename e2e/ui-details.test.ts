// Three details of the page, checked in Chromium against the real service: the toolkit
// suggestions leave the Debug dialog's buttons uncovered; an untagged image shows as its short id
// with the full id on hover; Ctrl+M in the terminal makes Tab move the focus out of it (the
// keyboard way out). Screenshots in reports/screenshots/ui-details-*.png.

import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, startTarget, TARGET_IMAGE, type Target, uniqueName } from './helpers/docker.js';
import { SCREENSHOTS, useE2E } from './helpers/harness.js';
import { containerRow, debugFromList, openApp, openDebugDialog } from './helpers/ui.js';

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not laid out');
  return b;
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** true when the page's focused element is inside the given element */
const focusInside = (locator: Locator): Promise<boolean> => locator.evaluate((element) => element.contains(document.activeElement));

describe('UI details', () => {
  const e2e = useE2E();
  let target: Target;
  let untagged = '';
  let imageId = '';

  beforeAll(async () => {
    target = await startTarget();
    // a container whose image is known by id only, as after its tag moved to a newer build
    imageId = await docker('image', 'inspect', '--format', '{{.Id}}', TARGET_IMAGE);
    untagged = await docker('run', '-d', '--network', 'none', '--label', 'io.cdebug.fixture=1', '--name', uniqueName('untagged'), imageId);
  });

  afterAll(async () => {
    if (untagged) await docker('rm', '-f', '-v', untagged);
  });

  async function page(height: number): Promise<Page> {
    const p = await e2e.page({ width: 1280, height });
    await openApp(p, e2e.service);
    await containerRow(p, target.name).waitFor();
    return p;
  }

  for (const height of [800, 560]) {
    it(`keeps the toolkit suggestions off the dialog's buttons (window ${height} px high)`, async () => {
      const p = await page(height);
      const dialog = await openDebugDialog(p, target.name);
      await dialog.getByRole('button', { name: 'Open' }).click();
      const list = p.getByRole('listbox', { name: 'Suggested toolkits' });
      await list.waitFor();
      const listBox = await box(list);
      for (const name of ['Cancel', 'Start debugging']) {
        expect(overlaps(listBox, await box(dialog.getByRole('button', { name }))), `the list over ${name}`).toBe(false);
      }
      // and the list is usable: at least one whole suggestion in view
      expect(listBox.height).toBeGreaterThan(60);
      await p.screenshot({ path: join(SCREENSHOTS, `ui-details-picker-${height}.png`) });
    });
  }

  it('shows an untagged image as its short id, and the full id on hover', async () => {
    const p = await page(800);
    const name = await docker('inspect', '--format', '{{.Name}}', untagged);
    const row = containerRow(p, name.replace(/^\//, ''));
    const short = imageId.replace(/^sha256:/, '').slice(0, 12);
    await expect.poll(async () => (await row.textContent()) ?? '').toContain(short);
    expect(await row.textContent()).not.toContain(imageId);
    await row.getByText(short, { exact: true }).hover();
    await expect.poll(async () => (await p.getByRole('tooltip').textContent()) ?? '').toBe(imageId);
    await p.screenshot({ path: join(SCREENSHOTS, 'ui-details-untagged.png') });
  });

  it('lets the keyboard out of the terminal with Ctrl+M, then Tab', async () => {
    const p = await page(800);
    const { terminal } = await debugFromList(p, target.name);
    const input = terminal.locator('.xterm-helper-textarea');
    await input.focus();
    await p.keyboard.press('Tab');
    expect(await focusInside(terminal), 'Tab stays with the shell by default').toBe(true);

    await p.keyboard.press('Control+m');
    const toggle = p.getByRole('button', { name: 'Tab moves focus (Ctrl+M)' });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await focusInside(terminal)).toBe(true);
    await p.keyboard.press('Tab');
    expect(await focusInside(terminal), 'Tab moved the focus out').toBe(false);

    await input.focus();
    await p.keyboard.press('Shift+Tab');
    expect(await focusInside(terminal), 'Shift+Tab moved the focus out').toBe(false);
    await p.screenshot({ path: join(SCREENSHOTS, 'ui-details-terminal-focus.png') });
  });
});
