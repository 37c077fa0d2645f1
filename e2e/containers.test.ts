// The container list against the real engine: the fixture target is listed with a Debug button,
// a container started later appears and a stopped one goes, without reloading the page and
// without the page asking for the list again (the service pushes it over /api/events).

import { beforeAll, describe, expect, it } from 'vitest';
import { removeTarget, startTarget, stopTarget, type Target } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { containerRow, openApp } from './helpers/ui.js';

describe('container list', () => {
  const e2e = useE2E();
  let target: Target;

  beforeAll(async () => {
    target = await startTarget();
  });

  it('lists the running fixture target with its image and a Debug button', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    const row = containerRow(page, target.name);
    await row.waitFor();
    await expect(row.getByText('cdebug-fixture/distroless', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await expect(row.getByRole('button', { name: `Debug ${target.name}`, exact: true }).isEnabled()).resolves.toBe(true);
  });

  it('shows a container started later and drops one that stops, pushed: no reload, no poll', async () => {
    const page = await e2e.page();
    const asked: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/api/containers' || path === '/api/engines') asked.push(path);
    });
    await openApp(page, e2e.service);
    await containerRow(page, target.name).waitFor();
    // Mark the document: a reload would lose the mark.
    await page.evaluate(() => Object.assign(window, { __e2eNoReload: true }));

    const later = await startTarget();
    try {
      await containerRow(page, later.name).waitFor({ timeout: 30_000 });
      await stopTarget(later);
      await containerRow(page, later.name).waitFor({ state: 'detached', timeout: 30_000 });
    } finally {
      await removeTarget(later);
    }
    await expect(containerRow(page, target.name).count()).resolves.toBe(1);
    await expect(page.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).resolves.toBe(true);
    // the list came with the events socket's snapshot, the rest as deltas: never asked for
    expect(asked).toEqual([]);
  });

  it('filters the list by what is typed in "Filter containers"', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await containerRow(page, target.name).waitFor();
    const filter = page.getByRole('textbox', { name: 'Filter containers' });
    await filter.fill(target.name);
    await expect(page.getByRole('row').count()).resolves.toBe(2); // the header and the target
    await filter.fill(`${target.name}-no-such-container`);
    await containerRow(page, target.name).waitFor({ state: 'detached' });
    await page.getByText(/No running container matches/).waitFor();
  });
});
