// A crowded engine in the browser (issue 16): a few hundred created containers, the list in "All"
// scope renders only the rows in view yet says the true count, scrolling with the mouse wheel
// reaches the last (oldest) one, and the filter finds one by name. All removed at the end.

import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_LABEL } from '../backend/test/kit/engine.js';
import { docker, TOOLKIT_IMAGE } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { containerRow, openApp } from './helpers/ui.js';

const COUNT = 300;
const prefix = `vir-e2e-${process.pid}-${randomBytes(3).toString('hex')}`;
const nameOf = (i: number) => `${prefix}-${String(i).padStart(3, '0')}`;
const OWN_LABEL = `io.cdebug.test.crowd=${prefix}`;
/** docker CLIs at once: the engine serialises much of the work, more only queue */
const PARALLEL = 8;

async function create(i: number): Promise<void> {
  await docker('create', '--network', 'none', '--label', FIXTURE_LABEL, '--label', OWN_LABEL, '--name', nameOf(i), TOOLKIT_IMAGE, 'true');
}

async function removeOurs(): Promise<void> {
  const ids = (await docker('ps', '-aq', '--filter', `label=${OWN_LABEL}`)).split('\n').filter(Boolean);
  for (let i = 0; i < ids.length; i += 100) await docker('rm', '-f', ...ids.slice(i, i + 100));
}

async function showAll(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Containers' }).click();
  await page.getByRole('button', { name: 'All', exact: true }).click();
  await page.getByRole('table', { name: 'All containers' }).waitFor();
}

const count = (page: Page) => page.locator('[aria-live="polite"]').first();
const renderedRows = (page: Page) => page.locator('tbody tr[data-index]').count();

describe('a few hundred containers', () => {
  const e2e = useE2E();

  beforeAll(async () => {
    try {
      // the first alone, so that it is strictly the oldest: the list shows newest first
      await create(0);
      let next = 1;
      const worker = async () => {
        while (next < COUNT) await create(next++);
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    } catch (err) {
      await removeOurs();
      throw err;
    }
  }, 300_000);

  afterAll(async () => {
    await removeOurs();
    await expect(docker('ps', '-aq', '--filter', `label=${OWN_LABEL}`)).resolves.toBe('');
  }, 120_000);

  it('says how many there are while rendering only the rows in view', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await showAll(page);
    // the catalog holds ours once the count reaches them (others' containers may share the engine)
    await page.waitForFunction((n) => Number.parseInt(document.querySelector('[aria-live="polite"]')?.textContent ?? '', 10) >= n, COUNT);
    // both read in one go: other tests' containers may come and go on the shared engine
    const [said, rowcount] = await page.evaluate(() => [
      document.querySelector('[aria-live="polite"]')?.textContent ?? '',
      document.querySelector('table[aria-label="All containers"]')?.getAttribute('aria-rowcount') ?? '',
    ]);
    const total = Number.parseInt(said ?? '', 10);
    expect(total).toBeGreaterThanOrEqual(COUNT);
    expect(rowcount).toBe(String(total + 1));
    expect(await renderedRows(page)).toBeLessThan(100);
  });

  it('reaches the last of them by scrolling', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await showAll(page);
    await page.getByLabel('Filter containers').fill(prefix);
    await count(page)
      // "300 of N containers", or "300 containers" when the engine has no other
      .getByText(new RegExp(`^${COUNT}( of \\d+)? containers$`))
      .waitFor();
    const oldest = containerRow(page, nameOf(0));
    await expect(oldest.count()).resolves.toBe(0); // far below the window: not rendered
    const table = page.getByRole('table', { name: 'All containers' });
    const box = await table.boundingBox();
    if (!box) throw new Error('the table is not laid out');
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
    for (let i = 0; i < 200 && !(await oldest.isVisible()); i++) await page.mouse.wheel(0, 1500);
    await oldest.waitFor({ state: 'visible' });
    await expect(oldest.getAttribute('aria-rowindex')).resolves.toBe(String(COUNT + 1));
    await expect(containerRow(page, nameOf(COUNT - 1)).count()).resolves.toBe(0); // the top left the window
    await expect(oldest.getByRole('button', { name: `Debug ${nameOf(0)}`, exact: true }).isEnabled()).resolves.toBe(true);
    expect(await renderedRows(page)).toBeLessThan(100);
  });

  it('finds one of them by name with the filter', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await showAll(page);
    const wanted = nameOf(Math.floor(COUNT / 2));
    await page.getByLabel('Filter containers').fill(wanted);
    await count(page)
      .getByText(/^1 of \d+ containers$/)
      .waitFor();
    await containerRow(page, wanted).waitFor({ state: 'visible' });
    expect(await renderedRows(page)).toBe(1);
  });
});
