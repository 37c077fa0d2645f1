import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Session } from '../../contract/index.js';
import { auditEntry } from './entry.js';
import { AuditLog } from './log.js';

const scratch = mkdtempSync(join(tmpdir(), 'rec-auditlog-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const session = (id: string): Session => ({
  id,
  target: { id: 't', name: 't' },
  mode: 'live',
  image: 'busybox:latest',
  cmd: [],
  user: null,
  privileged: false,
  state: 'running',
  createdAt: '2026-01-01T00:00:00.000Z',
  cols: 80,
  rows: 24,
  clients: 0,
});

function recordingWarn() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (_obj: object, msg: string) => warnings.push(msg) } };
}

describe('AuditLog', () => {
  it('appends in order, without blocking the caller, creating the directory', async () => {
    const path = join(scratch, 'a', 'b', 'audit.log');
    const { log: warn } = recordingWarn();
    const log = new AuditLog(path, warn);
    for (let i = 0; i < 2000; i++) log.append(auditEntry('created', session(`s${i}`), 'c'));
    await log.flushed();
    const ids = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { session: string }).session);
    expect(ids).toEqual(Array.from({ length: 2000 }, (_, i) => `s${i}`));
    expect(log.status()).toEqual({ ok: true, path });
    await log.close();
  });

  it('reads the last entries back, newest last, skipping a line cut short', async () => {
    const path = join(scratch, 'tail.log');
    const log = new AuditLog(path, recordingWarn().log);
    for (let i = 0; i < 3000; i++) log.append(auditEntry('attached', session(`s${i}`), 'c'));
    await log.flushed();
    appendFileSync(path, '{"time":"cut sho');
    expect((await log.last(3)).map((e) => e.session)).toEqual(['s2997', 's2998', 's2999']);
    expect(await log.last(1000)).toHaveLength(1000);
    await log.close();
    expect(await new AuditLog(join(scratch, 'none.log'), recordingWarn().log).last(5)).toEqual([]);
  });

  it('warns once when the file cannot be written, says so in its status, and resumes when it can', async () => {
    const blocker = join(scratch, 'blocker');
    writeFileSync(blocker, 'a file where a directory should be');
    const path = join(blocker, 'audit.log');
    const { warnings, log: warn } = recordingWarn();
    const log = new AuditLog(path, warn);
    for (let i = 0; i < 5; i++) {
      log.append(auditEntry('created', session(`s${i}`), 'c'));
      await log.flushed();
    }
    expect(warnings).toHaveLength(1);
    expect(log.status()).toMatchObject({ ok: false, path });
    // the obstacle goes: the next append writes again
    rmSync(blocker);
    log.append(auditEntry('ended', session('after'), null));
    await log.flushed();
    expect(log.status()).toEqual({ ok: true, path });
    expect(readFileSync(path, 'utf8')).toContain('"after"');
    await log.close();
  });

  it('reports a full disk (/dev/full) in its status', async () => {
    const { warnings, log: warn } = recordingWarn();
    const log = new AuditLog('/dev/full', warn);
    log.append(auditEntry('created', session('s'), 'c'));
    log.append(auditEntry('attached', session('s'), 'c'));
    await log.flushed();
    expect(log.status()).toMatchObject({ ok: false, error: expect.stringMatching(/ENOSPC/) as unknown });
    expect(warnings).toHaveLength(1);
    await log.close();
  });
});
