// What clients see of each phase: the state (a stop or a release does not change it until the
// end), the pull's progress only while pulling, and the frame that tells how it ended.
import { describe, expect, it } from 'vitest';
import type { PullProgress } from '../contract/index.js';
import { type Ended, launching, type Phase } from './lifecycle.js';
import { endingOf, lastFrame, shownState, statusFrame } from './phase-view.js';
import { containing } from '../../test/helpers/matchers.js';

const size = { cols: 80, rows: 24 };
const progress: PullProgress = { current: 1, total: 2, status: 'Downloading', layers: {} };
const ended = (over: Partial<Ended>): Ended => ({ name: 'ended', reason: { kind: 'exit', code: 0 }, code: 0, ...over });

describe('statusFrame', () => {
  it('carries the progress while pulling, and only then', () => {
    expect(statusFrame({ ...launching(false, size), progress }, 'app')).toEqual({ type: 'status', state: 'pulling', progress });
    expect(statusFrame(launching(false, size), 'app')).toEqual({ type: 'status', state: 'pulling' });
    expect(statusFrame({ ...launching(true, size), progress }, 'app')).toEqual({ type: 'status', state: 'starting' });
  });

  it('shows a stopping or released session in the state it was stopped in', () => {
    const phases: Array<Phase<string>> = [
      { name: 'stopping', request: 'deleted', sidecar: null, shown: 'pulling' },
      { name: 'released', shown: 'starting' },
      { name: 'stopping', request: 'idle', sidecar: 'sc', shown: 'running' },
    ];
    expect(phases.map((p) => shownState(p, 'app'))).toEqual(['pulling', 'starting', 'running']);
  });
});

describe('an ended session', () => {
  it('shows its exit status', () => {
    const phase = ended({ reason: { kind: 'exit', code: 3 }, code: 3 });
    expect(shownState(phase, 'app')).toBe('exited');
    expect(lastFrame(phase, 'app')).toEqual({ type: 'exit', code: 3 });
  });

  it('tells an error before a status, naming the target', () => {
    const phase = ended({ reason: { kind: 'target_stopped' }, code: 137 });
    expect(lastFrame(phase, 'my-app')).toMatchObject({ type: 'error', code: 'target_stopped', message: containing('"my-app"') });
    expect(shownState(ended({ reason: { kind: 'engine_gone' }, code: 143 }), 'app')).toBe('failed');
  });

  it('has nothing to tell when it was deleted before its command ran', () => {
    expect(lastFrame(ended({ reason: { kind: 'deleted' }, code: undefined }), 'app')).toBeNull();
  });

  it('has no ending before it ends', () => {
    expect(endingOf(launching(true, size), 'app')).toBeNull();
    expect(lastFrame(launching(true, size), 'app')).toBeNull();
  });
});
