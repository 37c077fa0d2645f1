// One line of the audit trail: a session event, with who and what it concerned. Pure.

import type { ErrorInfo, Session } from '../../contract/index.js';

export const AUDIT_EVENTS = ['created', 'attached', 'detached', 'ended'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  /** ISO 8601 */
  time: string;
  event: AuditEvent;
  session: string;
  engine: string;
  target: { id: string; name: string };
  image: string;
  /** the user the command runs as; null: the image's own */
  user: string | null;
  mode: string;
  /** the client's address ("unix socket" for the trusted socket); null when none was involved */
  client: string | null;
  /** `ended` only: the command's status, when it had one */
  exitCode?: number;
  /** `ended` only: why it ended, when not by its command's own exit */
  error?: ErrorInfo;
}

export function auditEntry(event: AuditEvent, session: Session, client: string | null, now: Date = new Date()): AuditEntry {
  return {
    time: now.toISOString(),
    event,
    session: session.id,
    engine: session.engine ?? 'default',
    target: { id: session.target.id, name: session.target.name },
    image: session.image,
    user: session.user ?? null,
    mode: session.mode ?? 'live',
    client,
    ...(event === 'ended' && session.exitCode !== undefined ? { exitCode: session.exitCode } : {}),
    ...(event === 'ended' && session.error ? { error: { code: session.error.code, message: session.error.message } } : {}),
  };
}

/** one line of JSON, ending with a newline (no line break can occur inside: JSON escapes them) */
export function auditLine(entry: AuditEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/** a line read back, or null for one that is not an entry (a line cut short by a crash) */
export function parseAuditLine(line: string): AuditEntry | null {
  try {
    const value = JSON.parse(line) as Partial<AuditEntry> | null;
    if (!value || typeof value !== 'object' || typeof value.time !== 'string' || typeof value.session !== 'string') return null;
    if (!AUDIT_EVENTS.includes(value.event as AuditEvent)) return null;
    return value as AuditEntry;
  } catch {
    return null;
  }
}
