// `cdebug exec`'s hint: its streams watched apart, the latest hint, and the line it prints.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { hintNote, watchHints } from './hint-note.js';

const general = { privileges: { profile: 'general' as const, capAdd: ['SYS_PTRACE'], capDrop: [] }, privileged: false, user: null };

describe('watchHints', () => {
  it('reads stdout and stderr apart: lines interleaved between them still match', () => {
    const out = new PassThrough();
    const err = new PassThrough();
    const seen = watchHints(general, [out, err, null]);
    err.write('ip: SIOCSIF');
    out.write('some output\n');
    err.write('MTU: Operation not permitted\n');
    expect(seen()).toMatchObject({ profile: 'netadmin', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' });
    out.write('\x1b[31mmount: permission denied (are you root?)\x1b[0m\r\n');
    expect(seen()).toMatchObject({ profile: 'sysadmin', command: 'mount' });
  });

  it('sees nothing in a session that holds the capability', () => {
    const out = new PassThrough();
    const seen = watchHints({ ...general, privileges: { profile: 'netadmin', capAdd: ['SYS_PTRACE', 'NET_ADMIN', 'NET_RAW'], capDrop: [] } }, [out]);
    out.write('ip: SIOCSIFMTU: Operation not permitted\n');
    expect(seen()).toBeNull();
  });
});

describe('hintNote', () => {
  it('says what was refused, what it needs and the flag to run again with, on one line', () => {
    expect(hintNote({ profile: 'netadmin', capability: 'NET_ADMIN', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' })).toBe(
      'cdebug: ip was refused (Operation not permitted): it needs NET_ADMIN; run again with --profile netadmin\n',
    );
    expect(hintNote({ profile: 'sysadmin', capability: 'SYS_ADMIN', command: 'mount', message: 'mount: permission denied (are you root?)' })).toBe(
      'cdebug: mount was refused (permission denied (are you root?)): it needs SYS_ADMIN; run again with --profile sysadmin\n',
    );
  });
});
