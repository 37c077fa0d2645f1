// The audit trail of `cdebug serve --audit-log FILE`, run as users run it: one JSON line per
// session event (created, attached, detached, ended), in order, across a SIGKILL and a restart
// on the same file; GET /api/audit reads it back. A file that cannot be written (a full disk:
// /dev/full; a path through a regular file) leaves sessions working, logs one warning, and
// health says so.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Health, routes } from '../../src/contract/index.js';
import type { AuditEntry } from '../../src/server/audit/entry.js';
import { type ServiceProcess, startServiceProcess } from '../faults/service-process.js';
import { expectSessionWorks, openAtPrompt } from '../faults/steps.js';
import { docker, expectNoSidecars, poll, sidecarsOf, Targets } from './engine-fixtures.js';
import { TermClient } from './term-client.js';

const targets = new Targets();
const clients: TermClient[] = [];
const services: ServiceProcess[] = [];
const owners = new Set<string>();
const scratch = mkdtempSync(join(tmpdir(), 'rec-audit-'));

async function service(auditLog: string, port?: number): Promise<ServiceProcess> {
  const s = await startServiceProcess({ env: { CDEBUG_AUDIT_LOG: auditLog }, ...(port === undefined ? {} : { port }) });
  services.push(s);
  owners.add(s.owner);
  return s;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of services.splice(0)) await s.kill('SIGTERM');
  const ids = [...targets.ids];
  targets.removeAll();
  for (const owner of owners) {
    for (const id of sidecarsOf(owner, ids)) docker('rm', '-f', id);
    await expectNoSidecars(owner, ids);
  }
});
afterAll(() => {
  targets.removeAll();
  rmSync(scratch, { recursive: true, force: true });
});

function lines(path: string): AuditEntry[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  expect(text === '' || text.endsWith('\n'), 'every line is whole').toBe(true);
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditEntry);
}

const eventsOf = (entries: AuditEntry[]) => entries.map((e) => e.event);

describe('the audit trail', () => {
  it('has one line per session event, in order, across a SIGKILL and a restart on the same file', async () => {
    const path = join(scratch, 'nested', 'audit.log');
    const first = await service(path);
    const target = await targets.start();
    const { session, client } = await openAtPrompt(first, target.name, clients);
    client.close();
    await client.closed;
    await poll(
      () => eventsOf(lines(path)),
      (e) => e.length === 3,
      'created, attached, detached in the file',
    );
    expect(eventsOf(lines(path))).toEqual(['created', 'attached', 'detached']);

    // no shutdown code runs: what is in the file was written as it happened
    await first.kill('SIGKILL');
    const second = await service(path, first.port);
    await poll(
      () => second.session(session.id),
      (s) => s?.state === 'running',
      'the session re-adopted',
    );
    // the re-adopted session, attached and ended by its own command
    const resumed = await TermClient.open(second.wsUrl(session.id));
    clients.push(resumed);
    resumed.type('exit 3\r');
    expect(await resumed.closed).toBe(1000);
    const ofSession = () => lines(path).filter((e) => e.session === session.id);
    await poll(
      () => eventsOf(ofSession()),
      (e) => e.length === 6,
      'six events of the first session',
    );
    const events = eventsOf(ofSession());
    expect(events.slice(0, 4)).toEqual(['created', 'attached', 'detached', 'attached']);
    // the client's close and the end race: both orders are one line each
    expect(events.slice(4).sort()).toEqual(['detached', 'ended']);

    const all = ofSession();
    for (const entry of all) {
      expect(entry).toMatchObject({ session: session.id, engine: 'default', target: { id: target.id, name: target.name }, image: session.image, mode: 'live' });
      expect(Date.parse(entry.time)).not.toBeNaN();
      expect(entry.user).toBeNull();
    }
    expect(all.filter((e) => e.event !== 'ended').every((e) => e.client === '127.0.0.1')).toBe(true);
    const ended = all.find((e) => e.event === 'ended');
    expect(ended?.exitCode).toBe(3);
    // after a restart the creator is not known
    expect(ended?.client).toBeNull();

    // GET /api/audit reads the file, the first run's lines included, newest last
    const everything = await second.api<AuditEntry[]>('GET', routes.auditLast(1000));
    expect(everything.status).toBe(200);
    expect(everything.body).toEqual(lines(path));
    const lastTwo = await second.api<AuditEntry[]>('GET', routes.auditLast(2));
    expect(lastTwo.body).toEqual(lines(path).slice(-2));
    for (const bad of ['0', '1001', 'x']) expect((await second.api('GET', `${routes.audit}?limit=${bad}`)).status).toBe(400);
  });

  it('keeps sessions working when the file cannot be written, with one warning, and health says so', async () => {
    const aFile = join(scratch, 'plain-file');
    writeFileSync(aFile, 'not a directory\n');
    for (const path of ['/dev/full', join(aFile, 'audit.log')]) {
      const s = await service(path);
      const target = await targets.start();
      await expectSessionWorks(s, target.name, clients, 'audit');
      await expectSessionWorks(s, target.name, clients, 'again');
      const health = await poll(
        () => s.api<Health>('GET', routes.health),
        (h) => h.body.audit?.ok === false,
        `health to report the audit log ${path}`,
      );
      expect(health.status).toBe(200);
      expect(health.body.ok).toBe(true);
      expect(health.body.audit).toMatchObject({ ok: false, path });
      expect(health.body.audit?.error).toMatch(path === '/dev/full' ? /ENOSPC/ : /ENOTDIR|EEXIST/);
      const warnings = s
        .log()
        .split('\n')
        .filter((l) => l.includes('audit log cannot be written'));
      expect(warnings, s.log()).toHaveLength(1);
      // /dev/full reads as empty; a path through a file cannot be read at all
      const read = await s.api<unknown>('GET', routes.auditLast(5));
      if (path === '/dev/full') expect(read).toEqual({ status: 200, body: [] });
      else expect(read).toMatchObject({ status: 503, body: { error: { code: 'audit_unavailable' } } });
    }
  });

  it('says in health that a writable audit log is fine', async () => {
    const path = join(scratch, 'ok.log');
    const s = await service(path);
    const health = await s.api<Health>('GET', routes.health);
    expect(health.body.audit).toEqual({ ok: true, path });
  });
});
