// One-time download links, for a page whose host cannot carry bytes (Docker Desktop: the
// extension's backend socket answers text only). The page asks, over its trusted channel, for a
// link to one path of one session, and hands the link to the user's browser, which has no token:
// the ticket in the link is the credential. So a ticket is 128 random bits, works once, for a
// minute, and names exactly what it was issued for; a few are outstanding at most.

import { randomBytes } from 'node:crypto';

export interface DownloadGrant {
  sessionId: string;
  path: string;
}

export interface IssuedTicket {
  ticket: string;
  expiresAt: Date;
}

/** long enough for Desktop to hand the link to the browser, short enough that a leaked link is stale */
export const DOWNLOAD_TICKET_TTL_MS = 60_000;
/** a page asks for one link per click: more than this outstanding is a client gone wrong */
export const MAX_OUTSTANDING_TICKETS = 32;

/** 32 lowercase hex digits (16 random bytes) */
export const TICKET_PATTERN = /^[0-9a-f]{32}$/;

export class DownloadTickets {
  private readonly grants = new Map<string, DownloadGrant & { expires: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DOWNLOAD_TICKET_TTL_MS,
    private readonly random: () => string = () => randomBytes(16).toString('hex'),
  ) {}

  issue(grant: DownloadGrant): IssuedTicket {
    this.prune();
    // the oldest outstanding link goes first: a new click must always work
    while (this.grants.size >= MAX_OUTSTANDING_TICKETS) {
      const oldest = this.grants.keys().next();
      if (oldest.done === true) break;
      this.grants.delete(oldest.value);
    }
    const ticket = this.random();
    const expires = this.now() + this.ttlMs;
    this.grants.set(ticket, { ...grant, expires });
    return { ticket, expiresAt: new Date(expires) };
  }

  /** what the ticket grants, once; null for an unknown, used or expired one */
  take(ticket: string): DownloadGrant | null {
    const grant = this.grants.get(ticket);
    if (grant === undefined) return null;
    this.grants.delete(ticket);
    if (grant.expires <= this.now()) return null;
    return { sessionId: grant.sessionId, path: grant.path };
  }

  get outstanding(): number {
    this.prune();
    return this.grants.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [ticket, grant] of this.grants) if (grant.expires <= now) this.grants.delete(ticket);
  }
}
