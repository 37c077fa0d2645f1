import { describe, expect, it } from 'vitest';
import { DOWNLOAD_TICKET_TTL_MS, DownloadTickets, MAX_OUTSTANDING_TICKETS, TICKET_PATTERN } from './download-tickets.js';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('DownloadTickets', () => {
  it('grants what it was issued for, once', () => {
    const tickets = new DownloadTickets();
    const { ticket } = tickets.issue({ sessionId: 's1', path: '/etc/hosts' });
    expect(ticket).toMatch(TICKET_PATTERN);
    expect(tickets.take(ticket)).toEqual({ sessionId: 's1', path: '/etc/hosts' });
    expect(tickets.take(ticket)).toBeNull();
  });

  it('knows no ticket it did not issue', () => {
    const tickets = new DownloadTickets();
    tickets.issue({ sessionId: 's1', path: '/a' });
    expect(tickets.take('0'.repeat(32))).toBeNull();
    expect(tickets.take('')).toBeNull();
  });

  it('expires a ticket after its time, and says when', () => {
    const c = clock();
    const tickets = new DownloadTickets(c.now);
    const issued = tickets.issue({ sessionId: 's1', path: '/a' });
    expect(issued.expiresAt.getTime()).toBe(c.t + DOWNLOAD_TICKET_TTL_MS);
    c.t += DOWNLOAD_TICKET_TTL_MS;
    expect(tickets.take(issued.ticket)).toBeNull();
  });

  it('works up to its last millisecond', () => {
    const c = clock();
    const tickets = new DownloadTickets(c.now);
    const { ticket } = tickets.issue({ sessionId: 's1', path: '/a' });
    c.t += DOWNLOAD_TICKET_TTL_MS - 1;
    expect(tickets.take(ticket)).not.toBeNull();
  });

  it('keeps a bounded number outstanding, dropping the oldest so a new one always works', () => {
    let n = 0;
    const tickets = new DownloadTickets(Date.now, DOWNLOAD_TICKET_TTL_MS, () => (n++).toString(16).padStart(32, '0'));
    const first = tickets.issue({ sessionId: 's', path: '/0' }).ticket;
    for (let i = 1; i <= MAX_OUTSTANDING_TICKETS; i++) tickets.issue({ sessionId: 's', path: `/${i}` });
    expect(tickets.outstanding).toBe(MAX_OUTSTANDING_TICKETS);
    expect(tickets.take(first)).toBeNull();
    expect(tickets.take(MAX_OUTSTANDING_TICKETS.toString(16).padStart(32, '0'))).toEqual({ sessionId: 's', path: `/${MAX_OUTSTANDING_TICKETS}` });
  });

  it('forgets expired tickets without being asked for them', () => {
    const c = clock();
    const tickets = new DownloadTickets(c.now);
    tickets.issue({ sessionId: 's', path: '/a' });
    tickets.issue({ sessionId: 's', path: '/b' });
    c.t += DOWNLOAD_TICKET_TTL_MS;
    expect(tickets.outstanding).toBe(0);
  });
});
