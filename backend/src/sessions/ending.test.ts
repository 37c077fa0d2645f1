// Why a session ended, and what that shows: the first cause wins, and a cause from outside the
// command (the engine going away, a sidecar killed by someone else) is never shown as the
// command's own exit.
import { describe, expect, it } from 'vitest';
import { CdebugError } from '../contract/index.js';
import { describeEnding, type ExitFacts, whyEnded } from './ending.js';

const facts = (over: Partial<ExitFacts>): ExitFacts => ({
  stopRequest: null,
  result: { kind: 'exited', code: 137 },
  engineGone: false,
  targetStopped: false,
  killedFromOutside: false,
  ...over,
});

describe('whyEnded', () => {
  it("is the command's exit when nothing else happened", () => {
    expect(whyEnded(facts({ result: { kind: 'exited', code: 3 } }))).toEqual({ kind: 'exit', code: 3 });
    expect(whyEnded(facts({}))).toEqual({ kind: 'exit', code: 137 });
  });

  it('puts a request first, then the engine, a lost wait, the target, then a kill from outside', () => {
    const all = facts({ stopRequest: 'deleted', engineGone: true, targetStopped: true, killedFromOutside: true });
    expect(whyEnded(all).kind).toBe('deleted');
    expect(whyEnded({ ...all, stopRequest: null }).kind).toBe('engine_gone');
    const lost = new CdebugError('sidecar_failed', 'lost');
    expect(whyEnded({ ...all, stopRequest: null, engineGone: false, result: { kind: 'lost', error: lost } })).toEqual({ kind: 'failed', error: lost.toInfo() });
    expect(whyEnded({ ...all, stopRequest: null, engineGone: false }).kind).toBe('target_stopped');
    expect(whyEnded(facts({ killedFromOutside: true })).kind).toBe('sidecar_gone');
  });
});

describe('describeEnding', () => {
  it('shows a sidecar killed from outside as an ended session with the exit status, not as an exit', () => {
    const ending = describeEnding({ kind: 'sidecar_gone' }, 'app', 137);
    expect(ending).toMatchObject({ state: 'exited', exitCode: 137, error: { code: 'session_ended' }, closeCode: 1000 });
    expect(ending.last).toMatchObject({ type: 'error', code: 'session_ended' });
  });

  it('shows the engine going away as a failure the engine caused', () => {
    const ending = describeEnding({ kind: 'engine_gone' }, 'app', 143);
    expect(ending).toMatchObject({ state: 'failed', error: { code: 'engine_unreachable' }, last: { type: 'error', code: 'engine_unreachable' }, closeCode: 1000 });
  });

  it('names the target that stopped, without an exit status of its own', () => {
    const ending = describeEnding({ kind: 'target_stopped' }, 'my-app', 137);
    expect(ending.exitCode).toBeUndefined();
    expect(ending.error?.message).toContain('"my-app"');
  });

  it('tells clients of a shutdown nothing but 1001', () => {
    expect(describeEnding({ kind: 'shutdown' }, 'app', undefined)).toMatchObject({ last: null, closeCode: 1001 });
    expect(describeEnding({ kind: 'deleted' }, 'app', undefined).last).toEqual({ type: 'exit', code: 137 });
  });
});
