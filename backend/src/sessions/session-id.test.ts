import { describe, expect, it } from 'vitest';
import { newSessionId } from './session-id.js';

describe('newSessionId', () => {
  it('is 16 hex digits, different each time', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newSessionId()));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(ids.size).toBe(100);
  });
});
