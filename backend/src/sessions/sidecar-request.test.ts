import { describe, expect, it } from 'vitest';
import { SESSION_TERM, sessionSidecar } from './sidecar-request.js';

describe('sessionSidecar', () => {
  it('asks for a pty whose input outlives any one client', () => {
    expect(sessionSidecar({ target: 'web' })).toEqual({
      target: 'web',
      image: undefined,
      cmd: undefined,
      user: undefined,
      privileged: false,
      env: undefined,
      tty: true,
      stdin: true,
      stdinOnce: false,
      term: SESSION_TERM,
    });
  });

  it('passes the request on as it came', () => {
    const asked = sessionSidecar({
      target: 'web',
      image: 'alpine',
      cmd: ['ls', '-l'],
      user: '1000:1000',
      privileged: true,
      env: { A: 'b' },
      cols: 90,
      rows: 30,
    });
    expect(asked).toMatchObject({ target: 'web', image: 'alpine', cmd: ['ls', '-l'], user: '1000:1000', privileged: true, env: { A: 'b' } });
  });
});
