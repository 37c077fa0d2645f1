// Why a sidecar's command ended, as the service and `cdebug exec` both tell it: the first cause
// wins, a cause from outside the command is never shown as its own exit, and only an exit the
// command may not have chosen costs a question to the engine. And the drain that lets the
// command's last output through before anyone is told.
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { CdebugError } from '../contract/index.js';
import type { TargetState } from '../runtimes/port.js';
import { causeOf, diagnoseExit, type ExitFacts, type ExitWitness, watchDrain } from './sidecar-exit.js';

const facts = (over: Partial<ExitFacts>): ExitFacts => ({
  result: { kind: 'exited', code: 137 },
  engineGone: false,
  targetStopped: false,
  killedFromOutside: false,
  ...over,
});

describe('causeOf', () => {
  it("is the command's exit when nothing else happened", () => {
    expect(causeOf(facts({ result: { kind: 'exited', code: 3 } }))).toEqual({ kind: 'exit', code: 3 });
    expect(causeOf(facts({}))).toEqual({ kind: 'exit', code: 137 });
  });

  it('puts the engine first, then a lost wait, the target, then a kill from outside', () => {
    const all = facts({ engineGone: true, targetStopped: true, killedFromOutside: true });
    expect(causeOf(all).kind).toBe('engine_gone');
    const lost = new CdebugError('sidecar_failed', 'lost');
    expect(causeOf({ ...all, engineGone: false, result: { kind: 'lost', error: lost } })).toEqual({ kind: 'lost', error: lost });
    expect(causeOf({ ...all, engineGone: false }).kind).toBe('target_stopped');
    expect(causeOf(facts({ killedFromOutside: true })).kind).toBe('sidecar_gone');
  });
});

/** a scripted engine that counts what it is asked */
function witness(over: Partial<{ answers: boolean; target: TargetState | Error; targetGone: boolean; killed: boolean; checkMs: number }> = {}) {
  const asked = { answers: 0, target: 0, inspectFailed: 0 };
  const w: ExitWitness & { asked: typeof asked; target: TargetState | Error } = {
    asked,
    target: over.target ?? 'running',
    async engineAnswers() {
      asked.answers += 1;
      return over.answers ?? true;
    },
    async targetState() {
      asked.target += 1;
      if (w.target instanceof Error) throw w.target;
      return w.target;
    },
    targetGone: () => over.targetGone ?? false,
    killedFromOutside: () => over.killed ?? false,
    targetCheckMs: over.checkMs ?? 0,
    inspectFailed: () => void (asked.inspectFailed += 1),
  };
  return w;
}

describe('diagnoseExit', () => {
  it('asks the engine nothing about an exit the command chose', async () => {
    for (const code of [0, 1, 2, 130, 255]) {
      const w = witness({ target: 'stopped', answers: false });
      expect(await diagnoseExit({ kind: 'exited', code }, w)).toEqual({ kind: 'exit', code });
      expect(w.asked).toEqual({ answers: 0, target: 0, inspectFailed: 0 });
    }
  });

  it('tells a target that stopped from a command that was killed (137, 143)', async () => {
    expect(await diagnoseExit({ kind: 'exited', code: 137 }, witness({ target: 'stopped' }))).toEqual({ kind: 'target_stopped' });
    expect(await diagnoseExit({ kind: 'exited', code: 143 }, witness({ target: 'gone' }))).toEqual({ kind: 'target_stopped' });
    const alive = witness({ target: 'running', checkMs: 250 });
    const started = Date.now();
    expect(await diagnoseExit({ kind: 'exited', code: 137 }, alive)).toEqual({ kind: 'exit', code: 137 });
    // the target is watched for a while: the engine may report its end a moment late
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(alive.asked.target).toBeGreaterThan(1);
  });

  it('sees a target that stops while it is being watched', async () => {
    const w = witness({ target: 'running', checkMs: 5000 });
    setTimeout(() => (w.target = 'stopped'), 150);
    expect(await diagnoseExit({ kind: 'exited', code: 137 }, w)).toEqual({ kind: 'target_stopped' });
  });

  it("takes a reported death of the target as its stop, whatever the command's status", async () => {
    const w = witness({ targetGone: true });
    expect(await diagnoseExit({ kind: 'exited', code: 0 }, w)).toEqual({ kind: 'target_stopped' });
    expect(w.asked.target).toBe(0);
  });

  it('names the engine when it no longer takes connections, before the target', async () => {
    const w = witness({ answers: false, target: 'stopped' });
    expect(await diagnoseExit({ kind: 'exited', code: 143 }, w)).toEqual({ kind: 'engine_gone' });
    expect(w.asked.target).toBe(0);
    const lost = new CdebugError('sidecar_failed', 'The engine ended the wait without an exit code.');
    expect(await diagnoseExit({ kind: 'lost', error: lost }, witness({ answers: false }))).toEqual({ kind: 'engine_gone' });
    expect(await diagnoseExit({ kind: 'lost', error: lost }, witness())).toEqual({ kind: 'lost', error: lost });
  });

  it('stops watching the target once the engine has said who killed the sidecar', async () => {
    const w = witness({ killed: true, checkMs: 5000 });
    const started = Date.now();
    expect(await diagnoseExit({ kind: 'exited', code: 137 }, w)).toEqual({ kind: 'sidecar_gone' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(w.asked.target).toBe(1);
  });

  it("keeps the command's status when the target cannot be inspected", async () => {
    const w = witness({ target: new Error('inspect failed'), checkMs: 5000 });
    expect(await diagnoseExit({ kind: 'exited', code: 137 }, w)).toEqual({ kind: 'exit', code: 137 });
    expect(w.asked.inspectFailed).toBe(1);
  });
});

/** how long a promise takes to settle, in ms */
async function took(p: Promise<unknown>): Promise<number> {
  const started = Date.now();
  await p;
  return Date.now() - started;
}

describe('watchDrain', () => {
  it('settles as soon as the output ends', async () => {
    const output = new PassThrough();
    const drain = watchDrain(output);
    output.resume();
    output.end('last bytes');
    expect(await took(drain.settled(5000))).toBeLessThan(1000);
  });

  it('settles when the output fails or closes', async () => {
    const failing = new PassThrough();
    const failed = watchDrain(failing);
    failing.destroy(new Error('attach lost'));
    expect(await took(failed.settled(5000))).toBeLessThan(1000);
    const closing = new PassThrough();
    const closed = watchDrain(closing);
    closing.destroy();
    expect(await took(closed.settled(5000))).toBeLessThan(1000);
  });

  it('gives up waiting after its time when the output never ends, not before', async () => {
    // the clock is the test's: a loaded machine cannot make this pass or fail
    vi.useFakeTimers();
    try {
      let settled = false;
      void watchDrain(new PassThrough())
        .settled(50)
        .then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(49);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
