import { describe, expect, it } from 'vitest';
import { session } from '../../test/fakeApi';
import { initialView, isOver, reduceAttach, type AttachEvent, type AttachView } from './attachView';
import { formatBytes, pullPercent, describeNetworkMode, describePidMode, describeUser } from './describe';

const run = (events: AttachEvent[], start: AttachView = initialView(session({ state: 'pulling' }))) => events.reduce(reduceAttach, start);

describe('reduceAttach', () => {
  it('follows the session from pulling, with progress, to running', () => {
    const pulling = run([
      { type: 'open' },
      { type: 'frame', frame: { type: 'status', state: 'pulling', progress: { current: 5, total: 10, status: 'Downloading', layers: {} } } },
    ]);
    expect(pulling).toMatchObject({ connection: 'open', state: 'pulling', progress: { current: 5, total: 10 } });
    const running = reduceAttach(pulling, { type: 'frame', frame: { type: 'status', state: 'running' } });
    expect(running).toMatchObject({ state: 'running', progress: null });
  });

  it('records the exit code and ends the session', () => {
    const view = run([{ type: 'frame', frame: { type: 'status', state: 'exited' } }, { type: 'frame', frame: { type: 'exit', code: 3 } }, { type: 'lost' }]);
    expect(view).toMatchObject({ state: 'exited', exitCode: 3, connection: 'closed' });
    expect(isOver(view)).toBe(true);
  });

  it('keeps the error that ended the session, and a refused frame only as a notice', () => {
    const failed = run([
      { type: 'frame', frame: { type: 'status', state: 'failed' } },
      { type: 'frame', frame: { type: 'error', code: 'image_pull_failed', message: 'no registry' } },
    ]);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'image_pull_failed' }, notice: null });
    const refused = run([{ type: 'frame', frame: { type: 'error', code: 'bad_request', message: 'bad resize' } }]);
    expect(refused).toMatchObject({ error: null, notice: { code: 'bad_request' } });
    expect(reduceAttach(refused, { type: 'dismiss' }).notice).toBeNull();
  });

  it('marks a lost connection of a live session for reconnecting', () => {
    const view = run([{ type: 'frame', frame: { type: 'status', state: 'running' } }, { type: 'lost' }]);
    expect(view.connection).toBe('lost');
    expect(isOver(view)).toBe(false);
  });

  it('takes the final state from the service after a lost connection', () => {
    const ended = session({ state: 'exited', error: { code: 'target_stopped', message: 'stopped' } });
    expect(run([{ type: 'lost' }, { type: 'ended', session: ended }])).toMatchObject({
      state: 'exited',
      error: { code: 'target_stopped' },
      connection: 'closed',
    });
    expect(isOver(run([{ type: 'gone' }]))).toBe(true);
  });
});

describe('describe', () => {
  it('puts namespaces in words', () => {
    expect(describePidMode('')).toBe('its own');
    expect(describePidMode('container:0123456789abcdef')).toBe('shared with container 0123456789ab');
    expect(describePidMode('host')).toBe("the host's");
    expect(describeNetworkMode('none', [])).toBe('none (no network)');
    expect(describeNetworkMode('bridge', ['bridge'])).toBe('bridge');
    expect(describeNetworkMode('default', ['app_net'])).toBe('app_net');
    expect(describeUser('')).toBe('root (image default)');
  });

  it('formats sizes and progress', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500_000)).toBe('1.5 MB');
    expect(pullPercent({ current: 1, total: 4, status: '', layers: {} })).toBe(25);
    expect(pullPercent({ current: 1, total: 0, status: '', layers: {} })).toBeNull();
    expect(pullPercent(null)).toBeNull();
  });
});
