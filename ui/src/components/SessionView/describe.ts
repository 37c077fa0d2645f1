// Plain words for the target's settings shown next to the terminal. Pure.

import type { PullProgress } from '@cdebug/contract';

export function describePidMode(mode: string): string {
  if (mode === '' || mode === 'private') return 'its own';
  if (mode === 'host') return "the host's";
  if (mode.startsWith('container:')) return `shared with container ${mode.slice('container:'.length).slice(0, 12)}`;
  return mode;
}

export function describeNetworkMode(mode: string, networks: readonly string[]): string {
  if (mode.startsWith('container:')) return `shared with container ${mode.slice('container:'.length).slice(0, 12)}`;
  if (mode === 'none') return 'none (no network)';
  if (mode === '' || mode === 'default') return networks.length > 0 ? networks.join(', ') : 'default';
  return networks.length > 0 && !networks.includes(mode) ? `${mode} (${networks.join(', ')})` : mode;
}

export function describeUser(user: string): string {
  return user === '' ? 'root (image default)' : user;
}

const UNITS = ['B', 'kB', 'MB', 'GB'] as const;

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** Percent done, or null when the total is not known yet (an indeterminate bar). */
export function pullPercent(progress: PullProgress | null): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(100, Math.max(0, (progress.current / progress.total) * 100));
}
