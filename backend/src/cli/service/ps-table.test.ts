import { describe, expect, it } from 'vitest';
import type { Session } from '../../contract/index.js';
import type { SidecarSummary } from '../../runtimes/port.js';
import { formatPs, ownerName, psRows } from './ps-table.js';

const session = (over: Partial<Session> = {}): Session =>
  ({
    id: 'sess1',
    target: { id: 'a'.repeat(64), name: 'web' },
    image: 'busybox:latest',
    state: 'running',
    createdAt: '2026-12-02T04:00:00.000Z',
    privileged: false,
    ...over,
  }) as Session;
const sidecar = (over: Partial<SidecarSummary> = {}): SidecarSummary => ({
  id: 'c'.repeat(64),
  sessionId: 'sess2',
  owner: 'cli:box:4242',
  targetId: 'b'.repeat(64),
  image: 'busybox:latest',
  running: true,
  createdAt: '2026-12-02T04:01:00.000Z',
  profile: 'restricted',
  ...over,
});

describe('psRows', () => {
  it("lists the service's sessions, then the engine's other sidecars; a session both know once", () => {
    const rows = psRows([session()], [sidecar({ sessionId: 'sess1', profile: 'netadmin' }), sidecar()], 'http://127.0.0.1:7681');
    expect(rows).toEqual([
      {
        session: 'sess1',
        target: 'web',
        state: 'running',
        owner: 'service http://127.0.0.1:7681',
        image: 'busybox:latest',
        createdAt: '2026-12-02T04:00:00.000Z',
        profile: 'netadmin',
      },
      {
        session: 'sess2',
        target: 'bbbbbbbbbbbb',
        state: 'running',
        owner: 'cdebug exec (box, pid 4242)',
        image: 'busybox:latest',
        createdAt: '2026-12-02T04:01:00.000Z',
        profile: 'restricted',
      },
    ]);
  });

  it('reads a stopped sidecar as exited and one from before profiles as general', () => {
    expect(psRows([], [sidecar({ running: false, profile: null })], null)[0]).toMatchObject({ state: 'exited', profile: 'general' });
  });
});

describe('ownerName', () => {
  it("names a cdebug exec by host and pid, and leaves a service's label as it is", () => {
    expect(ownerName('cli:my:host:7')).toBe('cdebug exec (my:host, pid 7)');
    expect(ownerName('service:box:tcp:127.0.0.1:7681')).toBe('service:box:tcp:127.0.0.1:7681');
    expect(ownerName('')).toBe('unknown');
  });
});

describe('formatPs', () => {
  it('pads columns to their widest cell, titles first', () => {
    const out = formatPs(psRows([session()], [], 'http://h:1'));
    expect(out.split('\n')).toEqual([
      'SESSION  TARGET  STATE    PROFILE  IMAGE           CREATED                   OWNER',
      'sess1    web     running  general  busybox:latest  2026-12-02T04:00:00.000Z  service http://h:1',
      '',
    ]);
  });
});
