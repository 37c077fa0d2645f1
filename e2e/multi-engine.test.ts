// One `cdebug serve` over two engines in a real Chromium: the shared engine and a private
// dockerd (CDEBUG_ENGINES). Containers of both side by side with their engine, a shell in a
// container of each (the second engine's proves itself through its target's environment),
// and the second engine stopped: shown as not answering, its containers gone, the other's
// still listed. Screenshots in reports/screenshots/multi-engine-*.png.

import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateEngine, startPrivateEngine } from '../backend/test/helpers/private-engine.js';
import { startTargetOn } from '../backend/test/multi-engine/fixtures.js';
import { launchBrowser, newPage } from './helpers/browser.js';
import { ourSidecars, removeAllTargets, startTarget, TARGET_IMAGE, type Target, TOOLKIT_IMAGE } from './helpers/docker.js';
import { SCREENSHOTS } from './helpers/harness.js';
import { type Service, startService } from './helpers/service.js';
import { typeLine, visibleTerminal, waitForPrompt, waitForScreen } from './helpers/terminal.js';
import { containerRow, escapeRegExp, openApp, showContainers } from './helpers/ui.js';
import { waitFor } from './helpers/wait.js';

const SHARED = 'shared';
const PRIVATE = 'private';

let engine: PrivateEngine;
let service: Service;
let browser: Browser;
let onShared: Target;
let onPrivate: Target;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  engine = await startPrivateEngine({ images: [TARGET_IMAGE, TOOLKIT_IMAGE] });
  onPrivate = await startTargetOn(engine, 'private-engine', 'e2e-private');
  onShared = await startTarget();
  const sharedHost = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  [service, browser] = await Promise.all([startService({ CDEBUG_ENGINES: `${SHARED}=${sharedHost},${PRIVATE}=${engine.host}` }), launchBrowser()]);
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
  await service.endAllSessions();
  expect(await service.sessions()).toEqual([]);
});

afterAll(async () => {
  const problems: unknown[] = [];
  for (const step of [() => browser?.close(), () => service?.stop(), removeAllTargets, () => engine?.dispose()]) {
    try {
      await step();
    } catch (err) {
      problems.push(err);
    }
  }
  if (problems.length > 0) throw problems[0];
});

async function page(): Promise<Page> {
  const opened = await newPage(browser);
  contexts.push(opened.context);
  return opened.page;
}

/** Debug → Start debugging on a container of the named engine; waits for its tab and prompt. */
async function debugOn(p: Page, target: Target, engineName: string) {
  await showContainers(p);
  await p.getByRole('button', { name: `Debug ${target.name} on ${engineName}`, exact: true }).click();
  const dialog = p.getByRole('dialog', { name: new RegExp(`Debug ${escapeRegExp(target.name)}`) });
  await dialog.getByRole('button', { name: 'Start debugging' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await p.getByRole('tab', { selected: true, name: `${target.name}@${engineName} · ${TOOLKIT_IMAGE}` }).waitFor();
  const terminal = visibleTerminal(p);
  await waitForPrompt(terminal);
  return terminal;
}

describe('one service, two engines, in the browser', () => {
  it('lists the containers of both engines side by side and opens a shell in a container of each', async () => {
    const p = await page();
    await openApp(p, service);
    const picker = p.getByRole('group', { name: 'Engine' });
    await picker.getByRole('button', { name: new RegExp(`^${SHARED}`) }).waitFor();
    await picker.getByRole('button', { name: new RegExp(`^${PRIVATE}\\s*1$`) }).waitFor();
    const privateRow = containerRow(p, onPrivate.name);
    await privateRow.waitFor();
    await expect(privateRow.getByText(PRIVATE, { exact: true }).count()).resolves.toBe(1);
    await expect(containerRow(p, onShared.name).getByText(SHARED, { exact: true }).count()).resolves.toBe(1);
    await p.screenshot({ path: join(SCREENSHOTS, 'multi-engine-list.png') });

    const sharedTerminal = await debugOn(p, onShared, SHARED);
    await typeLine(p, sharedTerminal, 'echo where-$CDEBUG_WHERE-end');
    await waitForScreen(sharedTerminal, /^where--end$/m);

    const privateTerminal = await debugOn(p, onPrivate, PRIVATE);
    await typeLine(p, privateTerminal, 'echo where-$CDEBUG_WHERE-end');
    await waitForScreen(privateTerminal, /^where-private-engine-end$/m);
    const details = p.getByRole('complementary', { name: 'Session details' }).filter({ visible: true });
    await details.getByText(`${engine.host} · answering`).waitFor();
    await p.screenshot({ path: join(SCREENSHOTS, 'multi-engine-session.png') });

    const sessions = await service.sessions();
    expect(sessions.map((s) => [s.target.name, s.engine, s.state]).sort()).toEqual(
      [
        [onShared.name, SHARED, 'running'],
        [onPrivate.name, PRIVATE, 'running'],
      ].sort(),
    );
    // each sidecar on its own engine
    expect(await engine.docker('ps', '-q', '--filter', `label=io.cdebug.owner=${service.owner}`)).not.toBe('');
    await expect(ourSidecars(service.owner)).resolves.toHaveLength(1);
  });

  // last: the private engine does not come back
  it('shows the second engine stopped as not answering, its containers gone, the first still listed', async () => {
    const p = await page();
    await openApp(p, service);
    await containerRow(p, onPrivate.name).waitFor();
    await engine.stop();
    const alert = p.getByRole('alert', { name: `Engine ${PRIVATE} does not answer` });
    await alert.waitFor({ timeout: 30_000 });
    await containerRow(p, onPrivate.name).waitFor({ state: 'detached', timeout: 30_000 });
    await p
      .getByRole('group', { name: 'Engine' })
      .getByRole('button', { name: new RegExp(`^${PRIVATE}\\s*unreachable$`) })
      .waitFor();
    await expect(containerRow(p, onShared.name).count()).resolves.toBe(1);
    await p.screenshot({ path: join(SCREENSHOTS, 'multi-engine-down.png') });
    const engines = await service.api<Array<{ name: string; reachable: boolean }>>('/api/engines');
    expect(engines.body.map((e) => [e.name, e.reachable])).toEqual([
      [SHARED, true],
      [PRIVATE, false],
    ]);
    // the shared engine still opens shells
    const terminal = await debugOn(p, onShared, SHARED);
    await typeLine(p, terminal, 'echo still-$((40+2))');
    await waitForScreen(terminal, /^still-42$/m);
    await waitFor(async () => (await service.sessions()).length === 1, { what: 'one session, on the shared engine' });
  });
});
