import { describe, expect, it } from 'vitest';
import { defaultAuditLog } from './audit-path.js';

describe('defaultAuditLog', () => {
  it('is under $XDG_STATE_HOME when it is an absolute path', () => {
    expect(defaultAuditLog({ XDG_STATE_HOME: '/srv/state' }, '/home/ann')).toBe('/srv/state/cdebug/audit.log');
  });

  it('is under ~/.local/state otherwise (a relative XDG_STATE_HOME is ignored, as the spec says)', () => {
    expect(defaultAuditLog({}, '/home/ann')).toBe('/home/ann/.local/state/cdebug/audit.log');
    expect(defaultAuditLog({ XDG_STATE_HOME: 'state' }, '/home/ann')).toBe('/home/ann/.local/state/cdebug/audit.log');
  });
});
