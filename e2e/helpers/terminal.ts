// The terminal as a user sees it: the text of xterm's DOM renderer rows (.xterm-rows), and
// typing into it once it has the keyboard focus.

import type { Locator, Page } from 'playwright-core';
import { waitFor } from './wait.js';

/** The terminal of the session tab that is shown (hidden tabs keep theirs mounted). */
export function visibleTerminal(page: Page): Locator {
  return page.locator('[data-testid="terminal"]:visible');
}

export function terminalOf(page: Page, sessionId: string): Locator {
  return page.locator(`[data-testid="terminal"][data-session-id="${sessionId}"]`);
}

/** The screen's rows, as text, trailing blanks removed. */
export async function screenRows(terminal: Locator): Promise<string[]> {
  return terminal.evaluate((element) =>
    Array.from(element.querySelectorAll('.xterm-rows > div'), (row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').replace(/\s+$/, '')),
  );
}

export async function screenText(terminal: Locator): Promise<string> {
  return (await screenRows(terminal)).join('\n');
}

/** Waits until the screen's text matches; returns the match. */
export async function waitForScreen(terminal: Locator, pattern: RegExp, what = `the terminal to show ${pattern}`, timeout = 60_000): Promise<RegExpExecArray> {
  return waitFor(
    async () => pattern.exec(await screenText(terminal)) ?? undefined,
    { what, timeout },
    () => screenText(terminal),
  );
}

/** busybox sh's prompt as root: "<cwd> # " at the end of a row. */
export const PROMPT = /^\S* ?# ?$/m;

export async function waitForPrompt(terminal: Locator): Promise<void> {
  await waitForScreen(terminal, /# ?$/m, 'a shell prompt in the terminal');
}

/**
 * Gives the terminal the keyboard focus (what term.focus() does: focus xterm's helper
 * textarea), then types a line and Enter.
 */
export async function typeLine(page: Page, terminal: Locator, line: string): Promise<void> {
  await terminal.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/**
 * Runs a command whose output is recognisable without being confused with its own echo: the
 * caller's marker is printed through arithmetic, e.g. `echo M$((40+2))` prints M42, while the
 * command line itself shows M$((40+2)).
 */
let counter = 0;
export function marker(prefix = 'M'): { expr: string; printed: string } {
  counter += 1;
  const n = 1000 + counter;
  return { expr: `${prefix}$((${n - 1}+1))`, printed: `${prefix}${n}` };
}
