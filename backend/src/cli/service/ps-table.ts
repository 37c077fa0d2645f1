// `cdebug ps`: the service's sessions and the sidecars found on the engine, as one list. Pure.

import type { Session } from '../../contract/index.js';
import type { SidecarSummary } from '../../runtimes/port.js';

export interface PsRow {
  session: string;
  target: string;
  state: string;
  /** who holds it: the service, a `cdebug exec` (its host and pid), or another owner label */
  owner: string;
  image: string;
  createdAt: string;
  profile: string;
}

/** "cli:<host>:<pid>" as people read it; a service's label as it is */
export function ownerName(label: string): string {
  const cli = /^cli:(.+):(\d+)$/.exec(label);
  if (cli) return `cdebug exec (${cli[1]}, pid ${cli[2]})`;
  return label || 'unknown';
}

/** the service's sessions first (newest first), then the engine's other sidecars; a session both know is listed once */
export function psRows(sessions: readonly Session[], sidecars: readonly SidecarSummary[], serviceBase: string | null): PsRow[] {
  const bySession = new Map(sidecars.map((s) => [s.sessionId, s]));
  const rows: PsRow[] = sessions.map((s) => ({
    session: s.id,
    target: s.target.name || s.target.id.slice(0, 12),
    state: s.state,
    owner: `service ${serviceBase ?? ''}`.trim(),
    image: s.image,
    createdAt: s.createdAt,
    profile: bySession.get(s.id)?.profile ?? (s.privileged ? 'sysadmin' : 'general'),
  }));
  const known = new Set(sessions.map((s) => s.id));
  for (const s of sidecars) {
    if (known.has(s.sessionId)) continue;
    rows.push({
      session: s.sessionId,
      target: s.targetId.slice(0, 12),
      state: s.running ? 'running' : 'exited',
      owner: ownerName(s.owner),
      image: s.image,
      createdAt: s.createdAt,
      profile: s.profile ?? 'general',
    });
  }
  return rows;
}

const COLUMNS: Array<[string, keyof PsRow]> = [
  ['SESSION', 'session'],
  ['TARGET', 'target'],
  ['STATE', 'state'],
  ['PROFILE', 'profile'],
  ['IMAGE', 'image'],
  ['CREATED', 'createdAt'],
  ['OWNER', 'owner'],
];

export function formatPs(rows: readonly PsRow[]): string {
  const widths = COLUMNS.map(([title, key]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]) => `${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 2))).join('')}\n`;
  return line(COLUMNS.map(([title]) => title)) + rows.map((r) => line(COLUMNS.map(([, key]) => r[key]))).join('');
}
