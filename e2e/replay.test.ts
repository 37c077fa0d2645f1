// An ended session is still useful: its Replay plays what it printed, in the page, through the
// real service and engine and a real Chromium (asciinema-player, loaded on first use).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTarget, startTarget, type Target } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { marker, typeLine, waitForScreen } from './helpers/terminal.js';
import { debugFromList, openApp } from './helpers/ui.js';
import { waitFor } from './helpers/wait.js';

describe('replay of an ended session', () => {
  const e2e = useE2E();
  let target: Target;

  beforeAll(async () => {
    target = await startTarget(`rec-replay-${process.pid}-${Date.now().toString(36)}`);
  });
  afterAll(async () => {
    await removeTarget(target);
  });

  it('shows what the session printed, with play, pause, seek and speed', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    const session = await debugFromList(page, target.name);
    const m = marker('REPLAYED');
    await typeLine(page, session.terminal, `echo ${m.expr}`);
    await waitForScreen(session.terminal, new RegExp(`^${m.printed}$`, 'm'));
    await typeLine(page, session.terminal, 'exit 0');
    await page.getByRole('button', { name: 'Restart session' }).waitFor();

    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Replay: ${target.name}`) });
    await dialog.waitFor();
    const region = dialog.getByRole('region', { name: 'Replayed terminal' });
    // played from its start (idle stretches shortened): the marker appears
    await waitFor(async () => ((await region.textContent()) ?? '').includes(m.printed) || undefined, {
      what: 'the replay to show the marker',
      timeout: 30_000,
    });

    const text = async () => (await region.textContent()) ?? '';
    const shows = (yes: boolean, what: string) => waitFor(async () => (await text()).includes(m.printed) === yes || undefined, { what, timeout: 30_000 });
    const slider = dialog.getByRole('slider', { name: 'Position' });
    const toStart = async () => {
      await slider.focus();
      await page.keyboard.press('Home');
    };

    // played to its end; seeking to the start shows the screen before the marker
    await dialog.getByRole('button', { name: 'Play' }).waitFor();
    await toStart();
    await shows(false, 'the replay at its start, before the marker');
    // play from there: the marker comes again
    await dialog.getByRole('button', { name: 'Play' }).click();
    await shows(true, 'the replay, played again, to reach the marker');

    // pause while it plays at the slowest speed: it stays before the marker
    await toStart();
    await shows(false, 'the replay back at its start');
    await dialog.getByRole('combobox', { name: 'Speed' }).click();
    await page.getByRole('option', { name: '0.5×' }).click();
    await dialog.getByRole('button', { name: 'Pause' }).click();
    await dialog.getByRole('button', { name: 'Play' }).waitFor();

    // a faster speed plays on from where it was
    await dialog.getByRole('combobox', { name: 'Speed' }).click();
    await page.getByRole('option', { name: '4×' }).click();
    await shows(true, 'the replay at 4× to reach the marker');
    expect(await text()).toContain(m.printed);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
