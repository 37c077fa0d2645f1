// The session lifecycle as a state machine: every transition it allows, with the I/O it asks
// for; every event it ignores in each phase; and, over random event sequences (fast-check),
// that what clients see only ever moves forward (pulling -> starting -> running -> exited |
// failed) and that an ended session never changes again.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CdebugError, type PullProgress, type SessionState } from '../contract/index.js';
import {
  type Ended,
  isClosed,
  type LifeEvent,
  type Launching,
  launching,
  type Phase,
  type Released,
  type Running,
  sidecarOf,
  type Step,
  type Stopping,
  step,
  takesInput,
} from './lifecycle.js';
import { shownState } from './phase-view.js';
import { withFields } from '../../test/helpers/matchers.js';

/** the sidecar is opaque to the machine: a name does */
type H = string;
const size = { cols: 80, rows: 24 };
const progress: PullProgress = { current: 10, total: 100, status: 'Downloading', layers: {} };
const lost = new CdebugError('sidecar_failed', 'lost');

const pulling: Launching = launching(false, size);
const starting: Launching = launching(true, size);
const running: Running<H> = { name: 'running', sidecar: 'sc', targetGone: false, killedFromOutside: false };
const stoppingLaunch: Stopping<H> = { name: 'stopping', request: 'deleted', sidecar: null, shown: 'pulling' };
const stoppingRun: Stopping<H> = { name: 'stopping', request: 'idle', sidecar: 'sc', shown: 'running' };
const ended: Ended = { name: 'ended', reason: { kind: 'exit', code: 0 }, code: 0 };
const released: Released = { name: 'released', shown: 'running' };

/** one of each event */
const EVENTS: Record<LifeEvent<H>['kind'], LifeEvent<H>> = {
  pulled: { kind: 'pulled', progress },
  starting: { kind: 'starting' },
  launched: { kind: 'launched', sidecar: 'new' },
  launch_failed: { kind: 'launch_failed', error: { code: 'image_pull_failed', message: 'no pull' } },
  adopted: { kind: 'adopted', sidecar: 'old' },
  target_died: { kind: 'target_died' },
  sidecar_killed: { kind: 'sidecar_killed' },
  stop: { kind: 'stop', request: 'shutdown' },
  stop_failed: { kind: 'stop_failed' },
  discarded: { kind: 'discarded' },
  release: { kind: 'release' },
  exited: { kind: 'exited', result: { kind: 'exited', code: 3 } },
  diagnosed: { kind: 'diagnosed', cause: { kind: 'target_stopped' }, code: 137 },
};
const KINDS = Object.keys(EVENTS) as Array<LifeEvent<H>['kind']>;

const go = (phase: Phase<H>, event: LifeEvent<H>): Step<H> => {
  const next = step(phase, event);
  if (!next) throw new Error(`${event.kind} was ignored in ${phase.name}`);
  return next;
};

const kinds = (s: Step<H>) => s.effects.map((e) => e.kind);

describe('a new session', () => {
  it('starts by pulling only when the image is missing', () => {
    expect(launching(true, size)).toMatchObject({ name: 'launching', state: 'starting', progress: null, size, targetGone: false });
    expect(launching(false, size).state).toBe('pulling');
  });
});

describe('launching', () => {
  it('keeps the pull progress and shows it', () => {
    const s = go(pulling, EVENTS.pulled);
    expect(s.phase).toEqual({ ...pulling, progress });
    expect(s.effects).toEqual([{ kind: 'progress', progress }]);
  });

  it('moves from pulling to starting once, forgetting the progress', () => {
    const s = go({ ...pulling, progress }, EVENTS.starting);
    expect(s.phase).toEqual({ ...pulling, state: 'starting', progress: null });
    expect(s.effects).toEqual([{ kind: 'announce', state: 'starting' }]);
    expect(step(starting, EVENTS.starting)).toBeNull();
  });

  it('runs a launched sidecar, resized when the size changed since the launch began', () => {
    const s = go({ ...starting, targetGone: true }, EVENTS.launched);
    expect(s.phase).toEqual({ name: 'running', sidecar: 'new', targetGone: true, killedFromOutside: false });
    expect(s.effects).toEqual([
      { kind: 'wire', sidecar: 'new', launchSize: size },
      { kind: 'announce', state: 'running' },
    ]);
  });

  it('shows a launch that never said it was starting as starting, then running', () => {
    const s = go(pulling, EVENTS.launched);
    expect(s.effects).toEqual([
      { kind: 'announce', state: 'starting' },
      { kind: 'wire', sidecar: 'new', launchSize: size },
      { kind: 'announce', state: 'running' },
    ]);
  });

  it('runs an adopted sidecar at its own size', () => {
    const s = go(starting, EVENTS.adopted);
    expect(s.phase).toEqual({ name: 'running', sidecar: 'old', targetGone: false, killedFromOutside: false });
    expect(s.effects).toEqual([
      { kind: 'wire', sidecar: 'old', launchSize: null },
      { kind: 'announce', state: 'running' },
    ]);
  });

  it('ends failed when the launch fails', () => {
    const s = go(pulling, EVENTS.launch_failed);
    expect(s.phase).toEqual({ name: 'ended', reason: { kind: 'failed', error: { code: 'image_pull_failed', message: 'no pull' } }, code: undefined });
    expect(s.effects).toEqual([{ kind: 'finish', sidecar: null }]);
  });

  it('remembers a death of the target once', () => {
    const s = go(starting, EVENTS.target_died);
    expect(s.phase).toEqual({ ...starting, targetGone: true });
    expect(s.effects).toEqual([]);
    expect(step(s.phase, EVENTS.target_died)).toBeNull();
  });

  it('calls the launch off when asked to stop, still showing its state', () => {
    const s = go(pulling, { kind: 'stop', request: 'deleted' });
    expect(s.phase).toEqual({ name: 'stopping', request: 'deleted', sidecar: null, shown: 'pulling' });
    expect(s.effects).toEqual([{ kind: 'abort', error: withFields({ code: 'session_ended' }) }]);
  });

  it('calls the launch off when released', () => {
    const s = go(starting, EVENTS.release);
    expect(s.phase).toEqual({ name: 'released', shown: 'starting' });
    expect(kinds(s)).toEqual(['abort', 'release']);
    expect(s.effects[1]).toEqual({ kind: 'release', sidecar: null });
  });
});

describe('running', () => {
  it('removes the sidecar once when its target dies; a kill after that is its own', () => {
    const s = go(running, EVENTS.target_died);
    expect(s.phase).toEqual({ ...running, targetGone: true });
    expect(s.effects).toEqual([{ kind: 'remove_orphan', sidecar: 'sc' }]);
    expect(step(s.phase, EVENTS.target_died)).toBeNull();
    expect(step(s.phase, EVENTS.sidecar_killed)).toBeNull();
  });

  it('remembers a kill of the sidecar from outside', () => {
    const s = go(running, EVENTS.sidecar_killed);
    expect(s.phase).toEqual({ ...running, killedFromOutside: true });
    expect(s.effects).toEqual([]);
    expect(step(s.phase, EVENTS.sidecar_killed)).toBeNull();
  });

  it('removes the sidecar when asked to stop', () => {
    const s = go(running, { kind: 'stop', request: 'idle' });
    expect(s.phase).toEqual({ name: 'stopping', request: 'idle', sidecar: 'sc', shown: 'running' });
    expect(s.effects).toEqual([{ kind: 'remove', sidecar: 'sc' }]);
  });

  it('leaves the sidecar to the next instance when released', () => {
    const s = go(running, EVENTS.release);
    expect(s.phase).toEqual({ name: 'released', shown: 'running' });
    expect(s.effects).toEqual([{ kind: 'release', sidecar: 'sc' }]);
  });

  it('asks why the command ended, and ends for that', () => {
    const exited = go(running, EVENTS.exited);
    expect(exited.phase).toBe(running);
    expect(exited.effects).toEqual([{ kind: 'diagnose', result: { kind: 'exited', code: 3 } }]);
    const s = go(running, EVENTS.diagnosed);
    expect(s.phase).toEqual({ name: 'ended', reason: { kind: 'target_stopped' }, code: 137 });
    expect(s.effects).toEqual([{ kind: 'finish', sidecar: 'sc' }]);
  });
});

describe('stopping', () => {
  it('removes a sidecar that comes after the stop, then ends for the request', () => {
    const s = go(stoppingLaunch, EVENTS.launched);
    expect(s.phase).toBe(stoppingLaunch);
    expect(s.effects).toEqual([{ kind: 'discard', sidecar: 'new' }]);
    expect(go(stoppingLaunch, EVENTS.discarded)).toEqual({
      phase: { name: 'ended', reason: { kind: 'deleted' }, code: undefined },
      effects: [{ kind: 'finish', sidecar: null }],
    });
    expect(step(stoppingRun, EVENTS.launched)).toBeNull();
    expect(step(stoppingRun, EVENTS.discarded)).toBeNull();
  });

  it('ends for the request, not the failure, when the called-off launch fails', () => {
    expect(go(stoppingLaunch, EVENTS.launch_failed).phase).toEqual({ name: 'ended', reason: { kind: 'deleted' }, code: undefined });
    expect(step(stoppingRun, EVENTS.launch_failed)).toBeNull();
  });

  it('ends for the request when the sidecar could not be removed', () => {
    expect(go(stoppingRun, EVENTS.stop_failed)).toEqual({
      phase: { name: 'ended', reason: { kind: 'idle' }, code: undefined },
      effects: [{ kind: 'finish', sidecar: 'sc' }],
    });
    expect(step(stoppingLaunch, EVENTS.stop_failed)).toBeNull();
  });

  it("ends for the request once the sidecar has exited, keeping the command's status, without asking why", () => {
    expect(go(stoppingRun, EVENTS.exited)).toEqual({
      phase: { name: 'ended', reason: { kind: 'idle' }, code: 3 },
      effects: [{ kind: 'finish', sidecar: 'sc' }],
    });
    const lostExit = go(stoppingRun, { kind: 'exited', result: { kind: 'lost', error: lost } });
    expect(lostExit.phase).toEqual({ name: 'ended', reason: { kind: 'idle' }, code: undefined });
  });

  it('puts a stop asked for while the exit was being diagnosed before the diagnosis', () => {
    expect(go(stoppingRun, EVENTS.diagnosed).phase).toEqual({ name: 'ended', reason: { kind: 'idle' }, code: 137 });
  });

  it('may still be released', () => {
    expect(go(stoppingRun, EVENTS.release)).toEqual({ phase: { name: 'released', shown: 'running' }, effects: [{ kind: 'release', sidecar: 'sc' }] });
    expect(go(stoppingLaunch, EVENTS.release)).toEqual({ phase: { name: 'released', shown: 'pulling' }, effects: [{ kind: 'release', sidecar: null }] });
  });
});

describe('released', () => {
  it('removes a sidecar whose launch finishes after the release', () => {
    expect(go(released, EVENTS.launched)).toEqual({ phase: released, effects: [{ kind: 'discard', sidecar: 'new' }] });
  });
});

describe('what a phase lets the terminal do', () => {
  it('holds a sidecar while running and stopping, takes keystrokes only while running, and turns clients away once over', () => {
    const all: Array<Phase<H>> = [pulling, running, stoppingLaunch, stoppingRun, ended, released];
    expect(all.map((p) => sidecarOf(p))).toEqual([null, 'sc', null, 'sc', null, null]);
    expect(all.map((p) => takesInput(p))).toEqual([false, true, false, false, false, false]);
    expect(all.map((p) => isClosed(p))).toEqual([false, false, false, false, true, true]);
  });
});

describe('what each phase ignores', () => {
  // the events that apply, per sample phase; every other one must leave it as it is
  const cases: Array<[string, Phase<H>, Array<LifeEvent<H>['kind']>]> = [
    ['launching (pulling)', pulling, ['pulled', 'starting', 'launched', 'adopted', 'launch_failed', 'target_died', 'stop', 'release']],
    ['launching (starting)', starting, ['pulled', 'launched', 'adopted', 'launch_failed', 'target_died', 'stop', 'release']],
    ['running', running, ['target_died', 'sidecar_killed', 'stop', 'release', 'exited', 'diagnosed']],
    ['stopping (launch called off)', stoppingLaunch, ['launched', 'launch_failed', 'discarded', 'exited', 'diagnosed', 'release']],
    ['stopping (sidecar removed)', stoppingRun, ['stop_failed', 'exited', 'diagnosed', 'release']],
    ['released', released, ['launched']],
    ['ended', ended, []],
  ];
  it.each(cases)('%s', (_name, phase, applies) => {
    for (const kind of KINDS) {
      const next = step(phase, EVENTS[kind]);
      if (applies.includes(kind)) expect(next, kind).not.toBeNull();
      else expect(next, kind).toBeNull();
    }
  });

  it('a second stop request changes nothing: the first one wins', () => {
    expect(step(stoppingRun, { kind: 'stop', request: 'deleted' })).toBeNull();
    expect(step(stoppingLaunch, { kind: 'stop', request: 'shutdown' })).toBeNull();
  });
});

/** what clients see of a phase */
const shown = (phase: Phase<H>): SessionState => shownState(phase, 'app');

/** the only moves of the state on the wire */
const NEXT: Record<SessionState, readonly SessionState[]> = {
  pulling: ['starting', 'exited', 'failed'],
  starting: ['running', 'exited', 'failed'],
  running: ['exited', 'failed'],
  exited: [],
  failed: [],
};

describe('over any sequence of events', () => {
  const event = fc.constantFrom(
    ...Object.values(EVENTS),
    { kind: 'stop', request: 'deleted' } as const,
    {
      kind: 'diagnosed',
      cause: { kind: 'engine_gone' },
      code: 143,
    } as const,
  );

  it('clients see the state move forward only, each state they are told is the one it is in, and an end is final', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(event, { maxLength: 30 }), (imagePresent, events) => {
        let phase: Phase<H> = launching(imagePresent, size);
        let seen = shown(phase);
        for (const e of events) {
          const next: Step<H> | null = step(phase, e);
          if (phase.name === 'ended') expect(next).toBeNull();
          if (!next) continue;
          for (const effect of next.effects) {
            // an ending tells its state with its last frames (finish), once
            const told = effect.kind === 'announce' ? effect.state : effect.kind === 'finish' ? shown(next.phase) : null;
            if (!told) continue;
            expect(NEXT[seen], `${seen} -> ${told} on ${e.kind}`).toContain(told);
            seen = told;
          }
          expect(shown(next.phase)).toBe(seen);
          phase = next.phase;
        }
      }),
    );
  });
});
