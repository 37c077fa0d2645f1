import { describe, expect, it } from 'vitest';
import { execSpec, planExec } from './exec-spec.js';
import { parseArgs } from '../options.js';
import { matching } from '../../../test/helpers/matchers.js';

function plan(argv: string[], opts: { env?: NodeJS.ProcessEnv; tty?: boolean } = {}) {
  const env = opts.env ?? {};
  const parsed = parseArgs(execSpec, argv, env);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return planExec(parsed.value, env, opts.tty ?? false);
}

describe('planExec', () => {
  it('runs the default shell as root with no stdin and no tty when given only a TARGET', () => {
    expect(plan(['app'])).toEqual({
      ok: true,
      value: {
        interactive: false,
        tty: false,
        endpoint: {},
        record: null,
        request: {
          target: 'app',
          image: undefined,
          cmd: [],
          user: undefined,
          privileged: false,
          env: {},
          tty: false,
          stdin: false,
          stdinOnce: false,
          term: null,
          asImage: false,
          rwVolumes: false,
          keep: false,
        },
      },
    });
  });

  it('takes --as-image, --keep and --rw-volumes before TARGET, and leaves them to the command after it', () => {
    expect(plan(['--as-image', '--keep', '--rw-volumes', 'web', 'sh'])).toMatchObject({
      ok: true,
      value: { request: { target: 'web', cmd: ['sh'], asImage: true, keep: true, rwVolumes: true } },
    });
    expect(plan(['web', 'ls', '--keep'])).toMatchObject({ ok: true, value: { request: { cmd: ['ls', '--keep'], keep: false } } });
  });

  it('takes the engine from --host/-H and --context/-c, before TARGET only', () => {
    expect(plan(['--host', 'tcp://127.0.0.1:2376', 'app'])).toMatchObject({ ok: true, value: { endpoint: { host: 'tcp://127.0.0.1:2376' } } });
    expect(plan(['-H', 'unix:///p.sock', 'app'])).toMatchObject({ ok: true, value: { endpoint: { host: 'unix:///p.sock' } } });
    expect(plan(['--context=podman', 'app'])).toMatchObject({ ok: true, value: { endpoint: { context: 'podman' } } });
    expect(plan(['-c', 'podman', 'app', 'sh', '-c', 'x'])).toMatchObject({
      ok: true,
      value: { endpoint: { context: 'podman' }, request: { cmd: ['sh', '-c', 'x'] } },
    });
  });

  it('refuses an empty --host or --context (it would quietly mean the default socket)', () => {
    expect(plan(['--host=', 'app'])).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/^--host needs a value/) } });
    expect(plan(['-c', '', 'app'])).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/^--context needs a value/) } });
  });

  it('asks for a TARGET when there is none', () => {
    expect(plan([])).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/TARGET/) } });
  });

  it('refuses -t when stdin is not a terminal, saying what to do', () => {
    for (const argv of [
      ['-t', 'app'],
      ['-it', 'app'],
    ]) {
      const r = plan(argv, { tty: false });
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(!r.ok && r.error.message).toMatch(/not a TTY.*leave -t out/);
    }
  });

  it('with -it on a terminal: a tty, stdin kept open for the one client, and TERM from the caller (xterm when unset)', () => {
    const r = plan(['-it', 'app'], { tty: true, env: { TERM: 'screen-256color' } });
    expect(r).toMatchObject({
      ok: true,
      value: { interactive: true, tty: true, request: { tty: true, stdin: true, stdinOnce: true, term: 'screen-256color' } },
    });
    expect(plan(['-it', 'app'], { tty: true, env: {} })).toMatchObject({ ok: true, value: { request: { term: 'xterm' } } });
    expect(plan(['-it', 'app'], { tty: true, env: { TERM: '' } })).toMatchObject({ ok: true, value: { request: { term: 'xterm' } } });
  });

  it('with -i alone: stdin and no tty, no TERM', () => {
    expect(plan(['-i', 'app'])).toMatchObject({
      ok: true,
      value: { interactive: true, tty: false, request: { stdin: true, stdinOnce: true, tty: false, term: null } },
    });
  });

  it('takes the command and its arguments after TARGET as they are', () => {
    const r = plan(['app', 'sh', '-c', 'echo "$1"', 'sh', 'a b']);
    expect(r).toMatchObject({ ok: true, value: { request: { target: 'app', cmd: ['sh', '-c', 'echo "$1"', 'sh', 'a b'] } } });
  });

  it('builds the environment from -e, a bare -e NAME taking the value from the caller and skipped when unset', () => {
    const r = plan(['-e', 'A=1', '-e', 'HOME', '-e', 'UNSET', '-e', 'B=x=y', 'app'], { env: { HOME: '/home/me' } });
    expect(r).toMatchObject({ ok: true, value: { request: { env: { A: '1', HOME: '/home/me', B: 'x=y' } } } });
    expect(r.ok && Object.keys(r.value.request.env ?? {})).not.toContain('UNSET');
  });

  it('refuses a bad -e name', () => {
    expect(plan(['-e', '1X=y', 'app'])).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/1X/) } });
  });

  it('passes --image, -u and --privileged through (checked later, with the engine request)', () => {
    const r = plan(['--image', 'nixery.dev/shell/ps', '-u', 'nonroot', '--privileged', 'app']);
    expect(r).toMatchObject({ ok: true, value: { request: { image: 'nixery.dev/shell/ps', user: 'nonroot', privileged: true } } });
    expect(plan(['app'], { env: { CDEBUG_IMAGE: 'busybox:musl' } })).toMatchObject({ ok: true, value: { request: { image: 'busybox:musl' } } });
  });

  it('takes --record FILE before TARGET, and refuses an empty file name', () => {
    expect(plan(['--record', 'out.cast', 'app', 'sh'])).toMatchObject({ ok: true, value: { record: 'out.cast', request: { target: 'app', cmd: ['sh'] } } });
    // after TARGET it is the command's own argument
    expect(plan(['app', '--record', 'x'])).toMatchObject({ ok: true, value: { record: null, request: { cmd: ['--record', 'x'] } } });
    expect(plan(['--record=', 'app'])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
