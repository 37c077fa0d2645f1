// What the service tells the audit trail: a session created (by whom), a client attached or
// detached, a session ended. The creator's address is remembered so that `ended`, which no
// client causes, still says whose session it was (after a restart of the service it is unknown).

import type { Session } from '../../contract/index.js';
import { auditEntry } from './entry.js';
import type { AuditLog } from './log.js';

export class AuditTrail {
  private readonly creators = new Map<string, string>();

  constructor(private readonly log: AuditLog) {}

  created(session: Session, client: string): void {
    this.creators.set(session.id, client);
    this.log.append(auditEntry('created', session, client));
  }

  attached(session: Session, client: string): void {
    this.log.append(auditEntry('attached', session, client));
  }

  detached(session: Session, client: string): void {
    this.log.append(auditEntry('detached', session, client));
  }

  ended(session: Session): void {
    const creator = this.creators.get(session.id) ?? null;
    this.creators.delete(session.id);
    this.log.append(auditEntry('ended', session, creator));
  }
}

/** the address a request came from: the trusted unix socket has none */
export function clientAddress(request: { ip?: string; socket?: { remoteAddress?: string } }): string {
  return request.ip || request.socket?.remoteAddress || 'unix socket';
}
