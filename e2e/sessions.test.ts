// Debugging sessions in the browser against the real service and engine: a shell in a distroless
// target, the terminal's size following the window, two sessions in two tabs, sessions and their
// screens surviving a reload, and the end of a shell with its exit code and a restart.

import { beforeAll, describe, expect, it } from 'vitest';
import { docker, startTarget, type Target } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';
import { marker, screenRows, screenText, terminalOf, typeLine, visibleTerminal, waitForPrompt, waitForScreen } from './helpers/terminal.js';
import { containerRow, debugFromList, openApp, showContainers } from './helpers/ui.js';
import { waitFor } from './helpers/wait.js';

describe('debugging sessions', () => {
  const e2e = useE2E();
  let target: Target;
  let other: Target;

  beforeAll(async () => {
    [target, other] = await Promise.all([startTarget(), startTarget()]);
  });

  it("Debug with the default toolkit opens a shell that sees the target's files", async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    const session = await debugFromList(page, target.name);
    expect(session.tabName).toBe(`${target.name} · busybox:latest`);
    // the keyboard goes to the new terminal without a click
    await waitFor(
      () => page.evaluate((id) => document.activeElement?.closest(`[data-testid="terminal"][data-session-id="${id}"]`) != null || undefined, session.id),
      { what: "the keyboard focus in the new session's terminal" },
    );

    // the target's root: /app (its only program), /srv (its working directory), /etc
    const done = marker('LS');
    await typeLine(page, session.terminal, `ls /; pwd; echo ${done.expr}`);
    const screen = (await waitForScreen(session.terminal, new RegExp(`${done.printed}$`, 'm'))).input;
    const output = screen.slice(screen.lastIndexOf('ls /;'));
    expect(output).toMatch(/\bapp\b/);
    expect(output).toMatch(/\bsrv\b/);
    expect(output).toMatch(/\betc\b/);
    expect(output).toMatch(/^\/srv$/m); // the target's WORKDIR

    // the service knows it as running, and the sidecar is not offered as a target
    const { body } = await e2e.service.api<{ state: string; target: { name: string } }>(`/api/sessions/${session.id}`);
    expect(body).toMatchObject({ state: 'running', target: { name: target.name } });
    const sidecar = await docker('ps', '-q', '--no-trunc', '--filter', `label=io.cdebug.session=${session.id}`);
    expect(sidecar).not.toBe('');
    const listed = (await e2e.service.api<Array<{ id: string }>>('/api/containers')).body.map((c) => c.id);
    expect(listed).not.toContain(sidecar);
    await showContainers(page);
    await containerRow(page, target.name).waitFor();
    await expect(
      page
        .getByRole('row')
        .filter({ hasText: sidecar.slice(0, 12) })
        .count(),
    ).resolves.toBe(0);
  });

  it('resizing the window changes the size the shell sees (stty size)', async () => {
    const page = await e2e.page({ width: 1280, height: 800 });
    await openApp(page, e2e.service);
    const { terminal } = await debugFromList(page, target.name);

    const sttySize = async (): Promise<{ rows: number; cols: number }> => {
      const m = marker('SZ');
      await typeLine(page, terminal, `echo ${m.expr} $(stty size)`);
      const match = await waitForScreen(terminal, new RegExp(`^${m.printed} (\\d+) (\\d+)$`, 'm'));
      return { rows: Number(match[1]), cols: Number(match[2]) };
    };
    const before = await sttySize();
    expect(before.rows).toBe((await screenRows(terminal)).length);

    await page.setViewportSize({ width: 1000, height: 600 });
    // the terminal re-fits (fewer rows on the page), then the service hears of it (debounced)
    await waitFor(async () => (await screenRows(terminal)).length < before.rows, { what: 'the terminal to re-fit to the smaller window' });
    const domRows = (await screenRows(terminal)).length;
    const after = await waitFor(
      async () => {
        const size = await sttySize();
        return size.rows === domRows && size.cols < before.cols ? size : undefined;
      },
      { what: `stty size to report ${domRows} rows and fewer than ${before.cols} columns`, interval: 500 },
      () => screenText(terminal),
    );
    expect(after.rows).toBeLessThan(before.rows);
    expect(after.cols).toBeLessThan(before.cols);
  });

  it('a second session opens in a second tab, and each tab keeps its own shell', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    const first = await debugFromList(page, target.name);
    const second = await debugFromList(page, other.name);
    expect(second.id).not.toBe(first.id);
    expect(second.tabName).toBe(`${other.name} · busybox:latest`);
    await expect(page.getByRole('tab').count()).resolves.toBe(4); // Containers, Images and two sessions

    const two = marker('TWO');
    await typeLine(page, second.terminal, `echo ${two.expr}`);
    await waitForScreen(second.terminal, new RegExp(`^${two.printed}$`, 'm'));

    await page.getByRole('tab', { name: first.tabName }).click();
    const firstTerminal = terminalOf(page, first.id);
    await firstTerminal.waitFor({ state: 'visible' });
    await waitForPrompt(firstTerminal);
    expect(await screenText(firstTerminal)).not.toContain(two.printed);
    const one = marker('ONE');
    await typeLine(page, firstTerminal, `echo ${one.expr}`);
    await waitForScreen(firstTerminal, new RegExp(`^${one.printed}$`, 'm'));
    expect(await screenText(terminalOf(page, second.id))).not.toContain(one.printed);

    const sessions = await e2e.service.sessions();
    expect(sessions.map((s) => s.id).sort()).toEqual([first.id, second.id].sort());
    expect(sessions.every((s) => s.state === 'running')).toBe(true);
  });

  it('after a reload the sessions come back with their screens, nothing drawn twice', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    const first = await debugFromList(page, target.name);
    const second = await debugFromList(page, other.name);
    const m1 = marker('R');
    await page.getByRole('tab', { name: first.tabName }).click();
    await typeLine(page, terminalOf(page, first.id), `echo ${m1.expr}; ls /`);
    await waitForScreen(terminalOf(page, first.id), new RegExp(`^${m1.printed}$`, 'm'));
    await waitForPrompt(terminalOf(page, first.id));
    const m2 = marker('S');
    await page.getByRole('tab', { name: second.tabName }).click();
    await typeLine(page, terminalOf(page, second.id), `echo ${m2.expr}`);
    await waitForScreen(terminalOf(page, second.id), new RegExp(`^${m2.printed}$`, 'm'));
    await waitForPrompt(terminalOf(page, second.id));
    const shownBefore = await screenRows(terminalOf(page, second.id));
    await page.getByRole('tab', { name: first.tabName }).click();
    const firstBefore = await screenRows(terminalOf(page, first.id));

    await page.reload();
    await page.getByRole('heading', { name: 'cdebug', level: 1 }).waitFor();
    // both tabs are back; the one that was shown is shown again
    await page.getByRole('tab', { name: first.tabName }).waitFor();
    await page.getByRole('tab', { name: second.tabName }).waitFor();
    const firstAfter = terminalOf(page, first.id);
    await firstAfter.waitFor({ state: 'visible' });
    await waitForScreen(firstAfter, new RegExp(`^${m1.printed}$`, 'm'), "the first session's earlier output after the reload");
    expect(nonBlank(await screenRows(firstAfter))).toEqual(nonBlank(firstBefore));

    await page.getByRole('tab', { name: second.tabName }).click();
    const secondAfter = terminalOf(page, second.id);
    await secondAfter.waitFor({ state: 'visible' });
    await waitForScreen(secondAfter, new RegExp(`^${m2.printed}$`, 'm'), "the second session's earlier output after the reload");
    expect(nonBlank(await screenRows(secondAfter))).toEqual(nonBlank(shownBefore));

    // still the same live shell
    const m3 = marker('AGAIN');
    await typeLine(page, secondAfter, `echo ${m3.expr}`);
    await waitForScreen(secondAfter, new RegExp(`^${m3.printed}$`, 'm'));
    const rows = nonBlank(await screenRows(secondAfter));
    expect(rows.filter((r) => r === m2.printed)).toHaveLength(1);
  });

  it('exit 3 shows the exit code and a Restart session button that starts a new shell', async () => {
    const page = await e2e.page();
    await openApp(page, e2e.service);
    const session = await debugFromList(page, target.name);
    await typeLine(page, session.terminal, 'exit 3');

    const status = page.getByRole('status').filter({ hasText: /(?<!\d)3(?!\d)/ });
    await status.waitFor();
    expect(await status.textContent()).toMatch(/exit/i);
    const restart = page.getByRole('button', { name: 'Restart session' });
    await restart.waitFor();
    const ended = await e2e.service.api<{ state: string; exitCode?: number }>(`/api/sessions/${session.id}`);
    expect(ended.body).toMatchObject({ state: 'exited', exitCode: 3 });

    await restart.click();
    const fresh = visibleTerminal(page).and(page.locator(`:not([data-session-id="${session.id}"])`));
    await fresh.waitFor();
    await waitForPrompt(fresh);
    const m = marker('BACK');
    await typeLine(page, fresh, `echo ${m.expr}`);
    await waitForScreen(fresh, new RegExp(`^${m.printed}$`, 'm'));
    await expect(page.getByRole('button', { name: 'Restart session' }).count()).resolves.toBe(0);
  });
});

function nonBlank(rows: string[]): string[] {
  return rows.filter((r) => r.trim() !== '');
}
