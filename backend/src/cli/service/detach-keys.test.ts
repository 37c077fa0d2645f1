import { describe, expect, it } from 'vitest';
import { CTRL_P, CTRL_Q, scanDetach } from './detach-keys.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('scanDetach', () => {
  it('passes ordinary keystrokes through unchanged', () => {
    expect(scanDetach(false, text('ls -l\r'))).toEqual({ forward: text('ls -l\r'), detach: false, pending: false });
  });

  it('detaches at Ctrl-P Ctrl-Q, sending what came before and nothing after', () => {
    expect(scanDetach(false, bytes(0x61, CTRL_P, CTRL_Q, 0x62))).toEqual({ forward: bytes(0x61), detach: true, pending: false });
  });

  it('holds a Ctrl-P that ends a chunk, and detaches when the next starts with Ctrl-Q', () => {
    const first = scanDetach(false, bytes(0x61, CTRL_P));
    expect(first).toEqual({ forward: bytes(0x61), detach: false, pending: true });
    expect(scanDetach(first.pending, bytes(CTRL_Q))).toEqual({ forward: bytes(), detach: true, pending: false });
  });

  it('sends a Ctrl-P on when anything else follows it (Ctrl-P Ctrl-P included)', () => {
    expect(scanDetach(true, bytes(0x61))).toEqual({ forward: bytes(CTRL_P, 0x61), detach: false, pending: false });
    expect(scanDetach(false, bytes(CTRL_P, CTRL_P, 0x61))).toEqual({ forward: bytes(CTRL_P, CTRL_P, 0x61), detach: false, pending: false });
    expect(scanDetach(false, bytes(CTRL_P, CTRL_P, CTRL_Q))).toEqual({ forward: bytes(CTRL_P), detach: true, pending: false });
  });

  it('a lone Ctrl-Q is an ordinary byte', () => {
    expect(scanDetach(false, bytes(CTRL_Q))).toEqual({ forward: bytes(CTRL_Q), detach: false, pending: false });
  });
});
