import { describe, expect, it } from 'vitest';
import { SESSION_STATES } from '../contract/index.js';
import { canMove, initialState } from './state.js';

describe('session lifecycle', () => {
  it('moves forward only', () => {
    expect(canMove('pulling', 'starting')).toBe(true);
    expect(canMove('starting', 'running')).toBe(true);
    expect(canMove('running', 'exited')).toBe(true);
    expect(canMove('running', 'failed')).toBe(true);
    expect(canMove('running', 'starting')).toBe(false);
    expect(canMove('starting', 'pulling')).toBe(false);
    expect(canMove('pulling', 'running')).toBe(false);
  });

  it('may end from every live state and never leaves an end', () => {
    for (const from of ['pulling', 'starting', 'running'] as const) {
      expect(canMove(from, 'exited')).toBe(true);
      expect(canMove(from, 'failed')).toBe(true);
    }
    for (const to of SESSION_STATES) {
      expect(canMove('exited', to)).toBe(false);
      expect(canMove('failed', to)).toBe(false);
    }
  });

  it('starts by pulling only when the image is missing', () => {
    expect(initialState(true)).toBe('starting');
    expect(initialState(false)).toBe('pulling');
  });
});
