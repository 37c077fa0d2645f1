// A session's output in, the hint to show out: once per program and profile, not per line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HintWatch } from './hint-watch.js';
import type { HeldPrivileges } from './profile-hint.js';

const general: HeldPrivileges = { profile: 'general', capAdd: ['SYS_PTRACE'], capDrop: [], privileged: false, user: null };
const netadmin: HeldPrivileges = { profile: 'netadmin', capAdd: ['SYS_PTRACE', 'NET_ADMIN', 'NET_RAW'], capDrop: [], privileged: false, user: null };
const out = (text: string) => Buffer.from(text, 'utf8');

describe('HintWatch', () => {
  it('holds no hint until a refusal a profile would allow is seen', () => {
    const watch = new HintWatch(general);
    expect(watch.feed(out('/ # ip link set lo mtu 1400\r\n'))).toBe(false);
    expect(watch.current).toBeNull();
    expect(watch.feed(out('ip: SIOCSIFMTU: Operation not permitted\r\n/ # '))).toBe(true);
    expect(watch.current).toEqual({ profile: 'netadmin', capability: 'NET_ADMIN', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' });
  });

  it('changes once per program and profile, however often it is refused', () => {
    const watch = new HintWatch(general);
    expect(watch.feed(out("kill: can't kill pid 7: Operation not permitted\r\n".repeat(3)))).toBe(false); // general holds KILL
    expect(watch.feed(out('ip: SIOCSIFMTU: Operation not permitted\r\n'))).toBe(true);
    expect(watch.feed(out('ip: RTNETLINK answers: Operation not permitted\r\n'.repeat(50)))).toBe(false);
    expect(watch.current?.message).toBe('ip: SIOCSIFMTU: Operation not permitted');
    expect(watch.feed(out('mount: permission denied (are you root?)\r\n'))).toBe(true);
    expect(watch.current).toMatchObject({ profile: 'sysadmin', command: 'mount', capability: 'SYS_ADMIN' });
  });

  it('never hints in a session that has the privilege', () => {
    const watch = new HintWatch(netadmin);
    expect(watch.feed(out('ip: RTNETLINK answers: Operation not permitted\r\ntcpdump: socket: Operation not permitted\r\n'))).toBe(false);
    expect(watch.current).toBeNull();
  });

  it('finds the refusal however the output is cut, with colours and titles around it', () => {
    const escape = fc.constantFrom('', '\x1b[0m', '\x1b[1;31m', '\x1b]0;web\x07', '\x1b[?2004l', '\x1b(B');
    fc.assert(
      fc.property(escape, escape, escape, fc.array(fc.nat(), { maxLength: 10 }), (before, inside, after, offsets) => {
        const data = out(`/ # ip link set lo mtu 1400\r\n${before}ip:${inside} SIOCSIFMTU: Operation not permitted${after}\r\n/ # `);
        const points = [0, ...offsets.map((o) => o % (data.length + 1)).sort((a, b) => a - b), data.length];
        const watch = new HintWatch(general);
        for (let i = 1; i < points.length; i++) watch.feed(data.subarray(points[i - 1], points[i]));
        expect(watch.current).toMatchObject({ profile: 'netadmin', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' });
      }),
      { numRuns: 300 },
    );
  });
});
