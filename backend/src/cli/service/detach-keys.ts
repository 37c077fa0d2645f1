// Ctrl-P Ctrl-Q, docker attach's detach sequence, found in the keystrokes on their way to the
// session. Pure. A Ctrl-P is held back until the next byte says whether it starts the sequence
// (it may end one chunk, the Ctrl-Q starting the next); any other byte sends it on as typed.

export const CTRL_P = 0x10;
export const CTRL_Q = 0x11;

export interface DetachScan {
  /** the bytes to send to the session */
  forward: Uint8Array;
  /** the sequence was typed: stop here (nothing after it is sent) */
  detach: boolean;
  /** a Ctrl-P ends this chunk: held back for the next */
  pending: boolean;
}

export function scanDetach(pendingCtrlP: boolean, chunk: Uint8Array): DetachScan {
  const out: number[] = [];
  let pending = pendingCtrlP;
  for (const byte of chunk) {
    if (pending) {
      pending = false;
      if (byte === CTRL_Q) return { forward: Uint8Array.from(out), detach: true, pending: false };
      out.push(CTRL_P);
    }
    if (byte === CTRL_P) pending = true;
    else out.push(byte);
  }
  return { forward: Uint8Array.from(out), detach: false, pending };
}
