import { describe, expect, it } from 'vitest';
import {
  readConnection,
  readContainerLogs,
  readContainers,
  readErrorBody,
  readHealth,
  readImages,
  readServerFrame,
  readSession,
  readSessions,
  readToolkits,
} from './guards';

const WHAT = 'GET /api/test';

describe('readContainers', () => {
  it('accepts the contract shape and fills display-only fields that are missing', () => {
    const answer = readContainers([{ id: 'abc', name: 'web', image: 'nginx', state: 'running' }], WHAT);
    expect(answer).toEqual({
      ok: true,
      value: [
        {
          id: 'abc',
          name: 'web',
          image: 'nginx',
          state: 'running',
          status: 'running',
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
        },
      ],
    });
  });

  it('refuses a list with a malformed entry, naming it', () => {
    const answer = readContainers([{ id: 'abc', name: 'web', image: 'nginx', state: 'running' }, { id: 3 }], WHAT);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('internal');
      expect(answer.error.message).toContain('container 1');
    }
  });

  it('refuses something that is not a list', () => {
    expect(readContainers({ containers: [] }, WHAT).ok).toBe(false);
  });

  it('drops ports and networks of the wrong type rather than trusting them', () => {
    const answer = readContainers([{ id: 'a', name: 'n', image: 'i', state: 's', ports: 'x', networks: [1] }], WHAT);
    expect(answer.ok && answer.value[0]?.ports).toEqual([]);
    expect(answer.ok && answer.value[0]?.networks).toEqual([]);
  });
});

describe('readSession', () => {
  const base = { id: 's1', target: { id: 't', name: 'web' }, image: 'busybox:latest', state: 'running', createdAt: 'now' };

  it('reads a session with its optional exit code and error', () => {
    const answer = readSession({ ...base, state: 'exited', exitCode: 3, error: { code: 'target_stopped', message: 'gone' } }, WHAT);
    expect(answer.ok && answer.value).toMatchObject({ state: 'exited', exitCode: 3, error: { code: 'target_stopped', message: 'gone' }, user: null, cmd: [] });
  });

  it('refuses an unknown state or a missing target', () => {
    expect(readSession({ ...base, state: 'sleeping' }, WHAT).ok).toBe(false);
    expect(readSession({ ...base, target: 'web' }, WHAT).ok).toBe(false);
  });

  it('turns an unknown error code into internal, keeping the message', () => {
    const answer = readSession({ ...base, state: 'failed', error: { code: 'weird', message: 'Odd.' } }, WHAT);
    expect(answer.ok && answer.value.error).toEqual({ code: 'internal', message: 'Odd.' });
  });

  it('reads lists of sessions', () => {
    expect(readSessions([base, { ...base, id: 's2' }], WHAT).ok).toBe(true);
  });
});

describe('other answers', () => {
  it('reads health, with a null engine when it is absent', () => {
    expect(readHealth({ ok: false, version: '1', engine: null, error: { code: 'engine_unreachable', message: 'down' } }, WHAT)).toEqual({
      ok: true,
      value: { ok: false, version: '1', engine: null, error: { code: 'engine_unreachable', message: 'down' } },
    });
    expect(readHealth({ version: '1' }, WHAT).ok).toBe(false);
  });

  it('reads toolkits, needing an image', () => {
    expect(readToolkits([{ image: 'busybox', title: 'BusyBox', local: true }], WHAT)).toEqual({
      ok: true,
      value: [{ image: 'busybox', title: 'BusyBox', description: '', local: true, preset: false }],
    });
    expect(readToolkits([{ title: 'no image' }], WHAT).ok).toBe(false);
  });

  it('reads connection details only with a real port and a token', () => {
    expect(readConnection({ port: 4242, token: 't' }, WHAT)).toEqual({ ok: true, value: { port: 4242, token: 't' } });
    expect(readConnection({ port: 0, token: 't' }, WHAT).ok).toBe(false);
    expect(readConnection({ port: 4242, token: '' }, WHAT).ok).toBe(false);
  });

  it('reads the contract error body', () => {
    expect(readErrorBody({ error: { code: 'target_not_running', message: 'Stopped.' } })).toEqual({ code: 'target_not_running', message: 'Stopped.' });
    expect(readErrorBody({ message: 'not the contract' })).toBeNull();
    expect(readErrorBody('text')).toBeNull();
  });
});

describe('readServerFrame', () => {
  it('passes the contract frames', () => {
    expect(readServerFrame('{"type":"exit","code":3}')).toEqual({ type: 'exit', code: 3 });
    expect(readServerFrame('{"type":"snapshot","data":"$ ","cols":80,"rows":24}')).toEqual({ type: 'snapshot', data: '$ ', cols: 80, rows: 24 });
    expect(readServerFrame('{"type":"status","state":"pulling","progress":{"current":5,"total":10,"status":"Downloading","layers":{}}}')).toEqual({
      type: 'status',
      state: 'pulling',
      progress: { current: 5, total: 10, status: 'Downloading', layers: {} },
    });
  });

  it('drops frames the UI could not act on', () => {
    expect(readServerFrame('{"type":"status","state":"bogus"}')).toBeNull();
    expect(readServerFrame('{"type":"exit"}')).toBeNull();
    expect(readServerFrame('not json')).toBeNull();
    expect(readServerFrame('{"type":"unknown"}')).toBeNull();
  });

  it('keeps a status whose progress is malformed, without the progress', () => {
    expect(readServerFrame('{"type":"status","state":"pulling","progress":{"current":"a"}}')).toEqual({ type: 'status', state: 'pulling' });
  });

  it('keeps error frames, with unknown codes as internal', () => {
    expect(readServerFrame('{"type":"error","code":"image_pull_failed","message":"no registry"}')).toEqual({
      type: 'error',
      code: 'image_pull_failed',
      message: 'no registry',
    });
    expect(readServerFrame('{"type":"error","code":"???","message":"m"}')).toEqual({ type: 'error', code: 'internal', message: 'm' });
  });
});

describe('readImages and readContainerLogs', () => {
  it('accept the contract shapes, filling display-only fields', () => {
    expect(readImages([{ id: 'sha256:a', engine: 'ci' }], WHAT)).toEqual({
      ok: true,
      value: [{ id: 'sha256:a', tags: [], size: 0, createdAt: '', engine: 'ci' }],
    });
    expect(readContainerLogs({ lines: ['a', 'b'] }, WHAT)).toEqual({ ok: true, value: { lines: ['a', 'b'] } });
  });

  it('refuse answers the UI would act on wrongly', () => {
    expect(readImages([{ tags: ['x:1'] }], WHAT).ok).toBe(false);
    expect(readImages({ id: 'sha256:a' }, WHAT).ok).toBe(false);
    expect(readContainerLogs({ lines: 'a\nb' }, WHAT).ok).toBe(false);
    expect(readContainerLogs({}, WHAT).ok).toBe(false);
  });
});
