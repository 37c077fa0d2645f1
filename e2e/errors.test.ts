// What the page refuses and what it reports: a malformed image reference never reaches the service,
// and an image that cannot be pulled (no registry answers on 127.0.0.1:1) ends the session with
// the pull error shown.

import { beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { fillToolkit, openApp, openDebugDialog, toolkitField } from './helpers/ui.js';
import { sleep, waitFor } from './helpers/wait.js';

describe('refused and failed sessions', () => {
  const e2e = useE2E();
  let target: Target;

  beforeAll(async () => {
    target = await startTarget();
  });

  it('a malformed toolkit image ("UPPER CASE") is refused before anything is sent', async () => {
    const page = await e2e.page();
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/sessions') posts.push(request.url());
    });
    await openApp(page, e2e.service);
    const before = await e2e.service.sessions();

    const dialog = await openDebugDialog(page, target.name);
    const field = toolkitField(dialog);
    await fillToolkit(dialog, 'UPPER CASE');
    const submit = dialog.getByRole('button', { name: 'Start debugging' });
    // refused as typed: the field says why, and the button cannot be pressed
    await waitFor(async () => (await field.getAttribute('aria-invalid')) === 'true', { what: 'the toolkit field to be marked invalid' });
    expect(await submit.isDisabled()).toBe(true);
    const describedBy = await field.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const helper = await page.locator(`[id="${describedBy}"]`).textContent();
    expect(helper ?? '').not.toBe('');
    // Enter in the field submits the form: still nothing is sent
    await field.focus();
    await field.press('Enter');
    await sleep(1000);
    expect(await dialog.isVisible()).toBe(true);
    expect(posts).toEqual([]);
    expect(await e2e.service.sessions()).toEqual(before);

    // a valid name makes it pressable again (the refusal was about the name)
    await fillToolkit(dialog, 'busybox:latest');
    await waitFor(async () => (await submit.isEnabled()) || undefined, { what: 'Start debugging to be enabled for busybox:latest' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(posts).toEqual([]);
    expect(await e2e.service.sessions()).toEqual(before);
  });

  it('an image that cannot be pulled shows the pull error', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    const image = '127.0.0.1:1/nope:latest';
    const dialog = await openDebugDialog(page, target.name);
    await fillToolkit(dialog, image);
    await dialog.getByRole('button', { name: 'Start debugging' }).click();

    const alert = page.getByRole('alert').filter({ hasText: /pull/i });
    await alert.waitFor({ timeout: 90_000 });
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('127.0.0.1:1/nope');

    // the service agrees: the session failed with image_pull_failed, and nothing was started
    const sessions = await e2e.service.sessions();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ state: 'failed', image, error: { code: 'image_pull_failed' } });
    // the page offers to try again
    await page.getByRole('button', { name: 'Restart session' }).waitFor();
  });
});
