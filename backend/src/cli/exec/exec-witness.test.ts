// What `cdebug exec` tells the exit diagnosis: the target's state and the engine's presence, both
// from the runtime port (targetState, and answers: a probe on a fresh connection).
import { describe, expect, it } from 'vitest';
import { CdebugError } from '../../contract/index.js';
import type { TargetState } from '../../runtimes/port.js';
import { execWitness } from './exec-witness.js';

function runtime(state: TargetState | Error, answers = true) {
  const asked: string[] = [];
  let probes = 0;
  return {
    asked,
    probes: () => probes,
    targetState: async (id: string) => {
      asked.push(id);
      if (state instanceof Error) throw state;
      return state;
    },
    answers: async () => {
      probes++;
      return answers;
    },
  };
}

describe('execWitness', () => {
  it("asks the port for its target's state by id", async () => {
    for (const state of ['running', 'stopped', 'gone'] as const) {
      const r = runtime(state);
      expect(await execWitness(r, 'app-id').targetState()).toBe(state);
      expect(r.asked).toEqual(['app-id']);
    }
  });

  it('cannot tell when the engine fails', async () => {
    const failure = new CdebugError('engine_unreachable', 'boom');
    await expect(execWitness(runtime(failure), 'app-id').targetState()).rejects.toBe(failure);
  });

  it('asks the probe, not the target, whether the engine is there', async () => {
    const gone = runtime('running', false);
    expect(await execWitness(gone, 'app-id').engineAnswers()).toBe(false);
    expect([gone.asked, gone.probes()]).toEqual([[], 1]);
    expect(await execWitness(runtime(new Error('refused'), true), 'app-id').engineAnswers()).toBe(true);
  });

  it('has heard nothing from events it does not watch', () => {
    const w = execWitness(runtime('running'), 'app-id');
    expect([w.targetGone(), w.killedFromOutside()]).toEqual([false, false]);
  });
});
