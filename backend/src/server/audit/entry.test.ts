import { describe, expect, it } from 'vitest';
import type { Session } from '../../contract/index.js';
import { auditEntry, auditLine, parseAuditLine } from './entry.js';

const session: Session = {
  id: 's1',
  engine: 'default',
  target: { id: 'abc', name: 'web' },
  mode: 'live',
  image: 'busybox:latest',
  cmd: ['sh'],
  user: 'nobody',
  privileged: false,
  state: 'exited',
  createdAt: '2026-01-01T00:00:00.000Z',
  exitCode: 2,
  cols: 80,
  rows: 24,
  clients: 0,
};

describe('audit entries', () => {
  it('carry time, event, session, engine, target, image, user, mode and client', () => {
    const entry = auditEntry('attached', session, '127.0.0.1', new Date('2026-01-02T03:04:05.000Z'));
    expect(entry).toEqual({
      time: '2026-01-02T03:04:05.000Z',
      event: 'attached',
      session: 's1',
      engine: 'default',
      target: { id: 'abc', name: 'web' },
      image: 'busybox:latest',
      user: 'nobody',
      mode: 'live',
      client: '127.0.0.1',
    });
  });

  it('give the exit code and the error on `ended` only', () => {
    const failed = { ...session, error: { code: 'target_stopped' as const, message: 'The target stopped.' } };
    expect(auditEntry('ended', failed, null)).toMatchObject({ exitCode: 2, error: { code: 'target_stopped' }, client: null });
    expect(auditEntry('detached', failed, 'x')).not.toHaveProperty('exitCode');
    expect(auditEntry('detached', failed, 'x')).not.toHaveProperty('error');
  });

  it('are one line each, whatever the names hold, and read back', () => {
    const odd = { ...session, target: { id: 'abc', name: 'we\nb"\u2028' } };
    const line = auditLine(auditEntry('created', odd, '::1'));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(parseAuditLine(line.slice(0, -1))?.target.name).toBe('we\nb"\u2028');
  });

  it('reads a cut or foreign line as nothing', () => {
    expect(parseAuditLine('{"time":"2026-01-01T00:00:00Z","event":"crea')).toBeNull();
    expect(parseAuditLine('{"time":"x","session":"s","event":"deleted"}')).toBeNull();
    expect(parseAuditLine('null')).toBeNull();
  });
});
