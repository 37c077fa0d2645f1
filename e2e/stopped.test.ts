// Stopped containers and images in the browser against the real service and engine (issue 14):
// an exited container is listed under "All" with its exit code, the Images tab lists a local
// image, and Debug on either opens a session whose tab says "copy of …" / "image …" and whose
// terminal answers. The sessions need the service to debug a copy or an image (the engine side
// of issue 14); the list and tab cases need only the catalog routes.

import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_LABEL } from '../backend/test/kit/engine.js';
import { docker, TARGET_IMAGE, TOOLKIT_IMAGE } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { marker, typeLine, visibleTerminal, waitForPrompt, waitForScreen } from './helpers/terminal.js';
import { containerRow, escapeRegExp, openApp } from './helpers/ui.js';

const name = `images-e2e-exited-${process.pid}-${randomBytes(3).toString('hex')}`;
const LAST_WORDS = 'fatal: images-e2e cannot find its config';

async function showAll(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Containers' }).click();
  await page.getByRole('button', { name: 'All', exact: true }).click();
}

async function showImages(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Images', exact: true }).click();
  await page.getByRole('table', { name: 'Local images' }).waitFor();
}

/** Start debugging in the open dialog with the default toolkit; the selected tab and its terminal at a prompt */
async function startAndAnswer(page: Page, tabName: RegExp): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Start debugging' }).click();
  // a refusal shows in the dialog: say which, at once, rather than wait for a tab that never comes
  const refused = dialog.getByRole('alert');
  const tab = page.getByRole('tab', { selected: true, name: tabName });
  await tab.or(refused).first().waitFor();
  if (await refused.isVisible()) throw new Error(`the service refused the session: ${(await refused.textContent()) ?? ''}`);
  await dialog.waitFor({ state: 'hidden' });
  const terminal = visibleTerminal(page);
  await terminal.waitFor();
  await waitForPrompt(terminal);
  const done = marker('ANSWER');
  await typeLine(page, terminal, `echo ${done.expr}`);
  await waitForScreen(terminal, new RegExp(`^${done.printed}$`, 'm'));
}

describe('stopped containers and images', () => {
  const e2e = useE2E();

  beforeAll(async () => {
    const id = await docker(
      'run',
      '-d',
      '--network',
      'none',
      '--label',
      FIXTURE_LABEL,
      '--name',
      name,
      TOOLKIT_IMAGE,
      'sh',
      '-c',
      `echo "${LAST_WORDS}" >&2; exit 3`,
    );
    await docker('wait', id);
  });

  afterAll(async () => {
    await docker('rm', '-f', name).catch(() => undefined);
  });

  it('lists the exited container under "All" with its exit code, and not under "Running"', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await page.getByRole('table', { name: 'Running containers' }).or(page.getByText('No running containers')).first().waitFor();
    await expect(containerRow(page, name).count()).resolves.toBe(0);
    await showAll(page);
    const row = containerRow(page, name);
    await row.waitFor();
    await row.getByText(/^Exited \(3\) · (just now|\d+ min ago)$/).waitFor();
    await expect(row.getByRole('button', { name: `Debug ${name}`, exact: true }).isEnabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Running', exact: true }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('lists local images in the Images tab, each with Debug', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await showImages(page);
    const row = page.getByRole('row').filter({ has: page.getByText(TARGET_IMAGE, { exact: true }) });
    await row.waitFor();
    await expect(row.getByRole('button', { name: `Debug image ${TARGET_IMAGE}`, exact: true }).isEnabled()).resolves.toBe(true);
  });

  it('Debug on the exited container opens "copy of …" whose terminal answers, beside the original\'s last log lines', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await showAll(page);
    await page.getByRole('button', { name: `Debug ${name}`, exact: true }).click();
    await page
      .getByRole('dialog')
      .getByText(/the shell runs in a copy of it/)
      .waitFor();
    await startAndAnswer(page, new RegExp(`^copy of ${escapeRegExp(name)} · `));
    await page
      .getByRole('region', { name: `Last log lines of ${name}` })
      .getByText(LAST_WORDS)
      .waitFor();
    // the original is as it was
    await expect(docker('inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name)).resolves.toBe('exited 3');
  });

  it('Debug on an image opens "image …" whose terminal answers', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    await showImages(page);
    await page.getByRole('button', { name: `Debug image ${TARGET_IMAGE}`, exact: true }).click();
    await startAndAnswer(page, new RegExp(`^image ${escapeRegExp(TARGET_IMAGE)} · `));
  });
});
