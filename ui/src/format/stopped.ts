// How a container that is not running is described in the list: "Exited (1) · 3 min ago" says
// at once how it ended and whether that was just now or last week. Pure: the time is given.

import type { ContainerSummary } from '@cdebug/contract';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "3 min ago", "5 h ago", "2 days ago"; null when `iso` is no time */
export function ago(iso: string, now: number): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.floor(elapsed / DAY);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

export const isRunning = (c: Pick<ContainerSummary, 'state'>): boolean => c.state === 'running';

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * The status column: the engine's words for a running container; for one that has stopped, its
 * state, exit code and how long ago ("Exited (1) · 3 min ago"); "Created · never started" for
 * one that never ran.
 */
export function containerStatus(c: ContainerSummary, now: number): string {
  if (isRunning(c)) return c.status;
  if (c.state === 'created' && c.exitCode === null) return 'Created · never started';
  if (c.exitCode === null) return c.status || capitalised(c.state);
  const when = ago(c.finishedAt, now);
  return `${capitalised(c.state)} (${c.exitCode})${when ? ` · ${when}` : ''}`;
}

/** bytes as people read image sizes: "4.3 MB", "1.2 GB" (decimal units, as `docker images`) */
export function imageSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
