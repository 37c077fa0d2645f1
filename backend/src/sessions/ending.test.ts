// What an ending shows: a cause from outside the command (the engine going away, a sidecar
// killed by someone else) is never shown as the command's own exit. Which cause wins is
// sidecar-exit.test.ts's (and lifecycle.test.ts's, for stop requests).
import { describe, expect, it } from 'vitest';
import { CdebugError } from '../contract/index.js';
import { describeEnding } from './ending.js';

describe('describeEnding', () => {
  it('shows a sidecar killed from outside as an ended session with the exit status, not as an exit', () => {
    const ending = describeEnding({ kind: 'sidecar_gone' }, 'app', 137);
    expect(ending).toMatchObject({ state: 'exited', exitCode: 137, error: { code: 'session_ended' }, closeCode: 1000 });
    expect(ending.last).toMatchObject({ type: 'error', code: 'session_ended' });
  });

  it('shows the engine going away as a failure the engine caused', () => {
    const ending = describeEnding({ kind: 'engine_gone' }, 'app', 143);
    expect(ending).toMatchObject({
      state: 'failed',
      error: { code: 'engine_unreachable' },
      last: { type: 'error', code: 'engine_unreachable' },
      closeCode: 1000,
    });
  });

  it('names the target that stopped, without an exit status of its own', () => {
    const ending = describeEnding({ kind: 'target_stopped' }, 'my-app', 137);
    expect(ending.exitCode).toBeUndefined();
    expect(ending.error?.message).toContain('"my-app"');
  });

  it('shows a wait the engine never answered as a failure, with its error', () => {
    const lost = new CdebugError('sidecar_failed', 'The engine ended the wait without an exit code.');
    expect(describeEnding({ kind: 'lost', error: lost }, 'app', undefined)).toMatchObject({
      state: 'failed',
      exitCode: undefined,
      error: lost.toInfo(),
      last: { type: 'error', code: 'sidecar_failed' },
    });
  });

  it('tells clients of a shutdown nothing but 1001', () => {
    expect(describeEnding({ kind: 'shutdown' }, 'app', undefined)).toMatchObject({ last: null, closeCode: 1001 });
    expect(describeEnding({ kind: 'deleted' }, 'app', undefined).last).toEqual({ type: 'exit', code: 137 });
  });
});
