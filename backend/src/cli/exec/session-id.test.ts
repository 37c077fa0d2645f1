import { describe, expect, it } from 'vitest';
import { uniqueSessionId } from './session-id.js';

describe('session ids', () => {
  it("are 16 hex digits without node:crypto, for the CLI (the service's are sessions/session-id.ts's)", () => {
    expect(uniqueSessionId()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keep the width at the edges of the random source', () => {
    expect(uniqueSessionId(() => 0)).toBe('0000000000000000');
    expect(uniqueSessionId(() => 0.9999999999)).toBe('ffffffffffffffff');
  });

  it('differ from one call to the next', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uniqueSessionId()));
    expect(ids.size).toBe(1000);
  });
});
