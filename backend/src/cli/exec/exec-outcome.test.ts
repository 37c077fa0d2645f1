// `cdebug exec` passes on the command's own status and turns every other end into one of
// cdebug's errors (125), worded for the terminal.
import { describe, expect, it } from 'vitest';
import { CdebugError } from '../../contract/index.js';
import { execOutcome } from './exec-outcome.js';

describe('execOutcome', () => {
  it("passes on the command's own status, 137 included", () => {
    expect(execOutcome({ kind: 'exit', code: 0 }, 'app')).toEqual({ ok: true, status: 0 });
    expect(execOutcome({ kind: 'exit', code: 137 }, 'app')).toEqual({ ok: true, status: 137 });
  });

  it('names the target that stopped', () => {
    const outcome = execOutcome({ kind: 'target_stopped' }, 'my-app');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('target_stopped');
    expect(outcome.error.message).toBe('Container "my-app" stopped, which ended the session.');
  });

  it('says the engine went away, and a sidecar killed from outside', () => {
    const gone = execOutcome({ kind: 'engine_gone' }, 'app');
    expect(gone.ok ? null : gone.error.code).toBe('engine_unreachable');
    const killed = execOutcome({ kind: 'sidecar_gone' }, 'app');
    expect(killed.ok ? null : killed.error.code).toBe('session_ended');
  });

  it("hands on the engine's own error for a wait it never answered", () => {
    const error = new CdebugError('engine_unreachable', 'down', { cause: new Error('ECONNREFUSED') });
    expect(execOutcome({ kind: 'lost', error }, 'app')).toEqual({ ok: false, error });
  });
});
