// The answer and frame schemas at their edges, checked strictly (as the service's tests and
// parseServerFrame read them), and the `default`s that mark display-only fields.
import { Check } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../catalogue.js';
import { MAX_COLS, MAX_ROWS, MIN_COLS, MIN_ROWS } from '../limits.js';
import { SESSION_STATES } from '../states.js';
import { ErrorBody, ErrorInfo } from './common.js';
import { AckFrame, ClientFrame, ResizeFrame, ServerFrame } from './frames.js';
import { Connection, ContainerSummary, EngineStatus, Health, Session, Toolkit } from './responses.js';

const session = {
  id: 's1',
  target: { id: 't', name: 'web' },
  mode: 'live',
  image: 'busybox:latest',
  cmd: ['sh'],
  user: null,
  privileged: false,
  state: 'running',
  createdAt: '2026-01-01T00:00:00.000Z',
  cols: 80,
  rows: 24,
  clients: 1,
  engine: 'default',
};

describe('answers', () => {
  it('take what the service sends, and extra fields a newer one may add', () => {
    expect(Check(Session, session)).toBe(true);
    expect(Check(Session, { ...session, state: 'exited', exitCode: 0, error: { code: 'target_stopped', message: 'gone' }, later: 1 })).toBe(true);
    expect(Check(Health, { ok: true, version: '0.1.0', engine: { name: 'Docker Engine', version: '27', apiVersion: '1.47' } })).toBe(true);
    expect(Check(Health, { ok: false, version: '0.1.0', engine: null, error: { code: 'engine_unreachable', message: 'down' } })).toBe(true);
    expect(Check(EngineStatus, { name: 'ci', host: 'tcp://127.0.0.1:2375', default: false, reachable: false, engine: null })).toBe(true);
  });

  it("carry the session's profile and its hint (null: none seen)", () => {
    const hint = { profile: 'netadmin', capability: 'NET_ADMIN', command: 'ip', message: 'ip: SIOCSIFMTU: Operation not permitted' };
    expect(Check(Session, { ...session, profile: 'general', hint: null })).toBe(true);
    expect(Check(Session, { ...session, profile: 'general', hint })).toBe(true);
    expect(Check(Session, { ...session, hint: { ...hint, profile: 'root' } })).toBe(false);
    expect(Check(Session, { ...session, hint: { ...hint, message: 'x'.repeat(201) } })).toBe(false);
    expect(Check(Session, { ...session, profile: 'everything' })).toBe(false);
  });

  it('know every session state and no other', () => {
    for (const state of SESSION_STATES) expect(Check(Session, { ...session, state })).toBe(true);
    expect(Check(Session, { ...session, state: 'sleeping' })).toBe(false);
    for (const mode of ['live', 'copy', 'image']) expect(Check(Session, { ...session, mode, copy: { id: 'c', name: 'web-copy' } })).toBe(true);
    expect(Check(Session, { ...session, mode: 'clone' })).toBe(false);
  });

  it('know every catalogued error code and no other', () => {
    for (const code of ERROR_CODES) expect(Check(ErrorBody, { error: { code, message: 'm' } })).toBe(true);
    expect(Check(ErrorInfo, { code: 'weird', message: 'm' })).toBe(false);
    expect(Check(ErrorInfo, { code: 'internal' })).toBe(false);
  });

  it("refuse a session user that is empty (null stands for the image's user)", () => {
    expect(Check(Session, { ...session, user: '65532:65532' })).toBe(true);
    expect(Check(Session, { ...session, user: '' })).toBe(false);
  });

  it('refuse an engine name outside the pattern, in a container or a session', () => {
    const container = {
      id: 'a',
      name: 'n',
      image: 'i',
      state: 'running',
      status: 'Up',
      createdAt: '',
      command: '',
      user: '',
      readOnly: false,
      pidMode: '',
      networkMode: '',
      ports: [],
      networks: [],
      exitCode: null,
      finishedAt: '',
    };
    expect(Check(ContainerSummary, { ...container, engine: 'ci' })).toBe(true);
    expect(Check(ContainerSummary, container)).toBe(true);
    expect(Check(ContainerSummary, { ...container, engine: '' })).toBe(false);
    expect(Check(Session, { ...session, engine: 'a b' })).toBe(false);
  });

  it('need a toolkit image and a usable connection', () => {
    expect(Check(Toolkit, { image: '', title: '', description: '', local: false, preset: false })).toBe(false);
    for (const [port, valid] of [
      [0, false],
      [1, true],
      [65_535, true],
      [65_536, false],
      [80.5, false],
    ] as const) {
      expect(Check(Connection, { port, token: 't' }), String(port)).toBe(valid);
    }
    expect(Check(Connection, { port: 80, token: '' })).toBe(false);
  });

  it('give display-only fields a default and the fields a client acts on none', () => {
    const defaults = (schema: { properties: Record<string, object> }) =>
      Object.entries(schema.properties)
        .filter(([, field]) => 'default' in field)
        .map(([key]) => key)
        .sort();
    expect(defaults(Session)).toEqual(['clients', 'cmd', 'cols', 'createdAt', 'mode', 'privileged', 'rows', 'user']);
    expect(defaults(ContainerSummary)).toEqual([
      'command',
      'createdAt',
      'exitCode',
      'finishedAt',
      'networkMode',
      'networks',
      'pidMode',
      'ports',
      'readOnly',
      'status',
      'user',
    ]);
    expect(defaults(Toolkit)).toEqual(['description', 'local', 'preset', 'title']);
    expect(defaults(EngineStatus)).toEqual(['default', 'engine', 'host']);
    expect(defaults(Health)).toEqual(['engine', 'version']);
    expect(defaults(Connection)).toEqual([]);
  });
});

describe('frames', () => {
  it.each([
    [MIN_COLS, MIN_ROWS, true],
    [MAX_COLS, MAX_ROWS, true],
    [MIN_COLS - 1, 24, false],
    [MAX_COLS + 1, 24, false],
    [80, MIN_ROWS - 1, false],
    [80, MAX_ROWS + 1, false],
    [80.5, 24, false],
  ])('resize cols %d rows %d: valid %s', (cols, rows, valid) => {
    expect(Check(ResizeFrame, { type: 'resize', cols, rows })).toBe(valid);
    expect(Check(ClientFrame, { type: 'resize', cols, rows })).toBe(valid);
  });

  it.each([
    [0, true],
    [Number.MAX_SAFE_INTEGER, true],
    [-1, false],
    [1.5, false],
    [Number.MAX_SAFE_INTEGER + 2, false],
  ])('ack bytes %d: valid %s', (bytes, valid) => {
    expect(Check(AckFrame, { type: 'ack', bytes })).toBe(valid);
  });

  it('takes the server frames the service sends and nothing else', () => {
    expect(
      Check(ServerFrame, {
        type: 'status',
        state: 'pulling',
        progress: { current: 1, total: 2, status: 'Downloading', layers: { a: { current: 1, total: 2, status: 'Downloading' } } },
      }),
    ).toBe(true);
    expect(Check(ServerFrame, { type: 'snapshot', data: '$ ', cols: 80, rows: 24 })).toBe(true);
    expect(Check(ServerFrame, { type: 'exit', code: 137 })).toBe(true);
    expect(Check(ServerFrame, { type: 'error', code: 'session_ended', message: 'm' })).toBe(true);
    expect(Check(ServerFrame, { type: 'status', state: 'bogus' })).toBe(false);
    expect(Check(ServerFrame, { type: 'snapshot', data: '$ ', cols: MAX_COLS + 1, rows: 24 })).toBe(false);
    expect(Check(ServerFrame, { type: 'exit', code: 1.5 })).toBe(false);
    expect(Check(ServerFrame, { type: 'error', code: 'nope', message: 'm' })).toBe(false);
    expect(Check(ServerFrame, { type: 'resize', cols: 80, rows: 24 })).toBe(false);
  });
});
