// Client side of the contract's flow control: acknowledge the bytes the terminal has actually
// parsed (term.write's callback), about every FLOW_ACK_EVERY bytes, as a running total since the
// attach. The service pauses the shell's output while a client lags too far behind.

import { FLOW_ACK_EVERY } from '@cdebug/contract';

export class AckCounter {
  private consumed = 0;
  private acked = 0;

  constructor(private readonly every: number = FLOW_ACK_EVERY) {}

  /** Records `bytes` as parsed; answers the total to acknowledge when one is due, else null. */
  parsed(bytes: number): number | null {
    this.consumed += bytes;
    if (this.consumed - this.acked < this.every) return null;
    this.acked = this.consumed;
    return this.consumed;
  }
}

/** Calls `fn` once calls have stopped for `ms`; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): { call: (...args: A) => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call(...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}
