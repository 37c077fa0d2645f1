// What a user does on the page, by accessible names (ui/src): open the app, press Debug next to a
// container, pick a toolkit, start, and find the session's tab and terminal.

import type { Locator, Page } from 'playwright-core';
import type { Service } from './service.js';
import { visibleTerminal, waitForPrompt } from './terminal.js';

export async function openApp(page: Page, service: Service): Promise<void> {
  await page.goto(service.url);
  await page.getByRole('heading', { name: 'cdebug', level: 1 }).waitFor();
}

/** The container list's row for a container (its accessible name contains the name). */
export function containerRow(page: Page, name: string): Locator {
  return page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
}

export function sessionTab(page: Page, target: string, toolkit: string): Locator {
  return page.getByRole('tab', { name: `${target} · ${toolkit}` });
}

export async function showContainers(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Containers' }).click();
}

/** Opens the Debug dialog for a container shown in the list. */
export async function openDebugDialog(page: Page, target: string): Promise<Locator> {
  await showContainers(page);
  await page.getByRole('button', { name: `Debug ${target}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`Debug ${target}`) });
  await dialog.waitFor();
  return dialog;
}

export function toolkitField(dialog: Locator): Locator {
  return dialog.getByRole('combobox', { name: 'Toolkit image' });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Types an image into the toolkit field, then Tab: the field's suggestion list closes, as a
 * user's would (open, it lies over the dialog's title or its other fields).
 */
export async function fillToolkit(dialog: Locator, image: string): Promise<void> {
  const field = toolkitField(dialog);
  await field.fill(image);
  await field.press('Tab');
  await dialog.page().getByRole('listbox', { name: 'Suggested toolkits' }).waitFor({ state: 'detached' });
}

export interface OpenedSession {
  id: string;
  /** the tab's accessible name, "<target> · <toolkit>" */
  tabName: string;
  terminal: Locator;
}

/**
 * Debug → (toolkit) → Start debugging, then waits for the session's tab to be selected and its
 * terminal to show a prompt. Without `toolkit`, the dialog's default (busybox:latest) is used.
 */
export async function debugFromList(
  page: Page,
  target: string,
  { toolkit, prompt = true }: { toolkit?: string; prompt?: boolean } = {},
): Promise<OpenedSession> {
  const dialog = await openDebugDialog(page, target);
  if (toolkit !== undefined) await fillToolkit(dialog, toolkit);
  await dialog.getByRole('button', { name: 'Start debugging' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const tab = page.getByRole('tab', { selected: true, name: new RegExp(`^${escapeRegExp(target)} · `) });
  await tab.waitFor();
  const terminal = visibleTerminal(page);
  await terminal.waitFor();
  const id = await terminal.getAttribute('data-session-id');
  if (!id) throw new Error('the terminal carries no data-session-id');
  const tabName = ((await tab.textContent()) ?? '').trim();
  if (prompt) await waitForPrompt(terminal);
  return { id, tabName, terminal };
}
