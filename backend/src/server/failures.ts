// Slows down guessing: failed token checks are counted per client address in a sliding
// window; each failure answers a little later than the last, and past a limit a wrong token
// gets 429 (with Retry-After) at once. A right token always passes, so a noisy page cannot lock
// the user out. Memory is bounded: at most MAX_TRACKED addresses, each with at most limit + 1
// timestamps; when full, the address whose last failure is oldest is forgotten first.

export interface FailurePolicy {
  windowMs: number;
  /** failures in the window after which wrong tokens get 429 */
  limit: number;
  /** the answer to the n-th failure waits n times this, up to maxDelayMs */
  stepMs: number;
  maxDelayMs: number;
}

export const DEFAULT_FAILURE_POLICY: FailurePolicy = { windowMs: 60_000, limit: 20, stepMs: 50, maxDelayMs: 1000 };

export const MAX_TRACKED = 10_000;

export interface Verdict {
  /** how long to hold the answer */
  delayMs: number;
  /** refuse with 429 rather than 401 */
  limited: boolean;
  /** whole seconds until a wrong token would be answered 401 again (when limited) */
  retryAfterS: number;
}

export class FailureTracker {
  /** address -> failure times, oldest first; the Map's order is least recently failed first */
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly policy: FailurePolicy = DEFAULT_FAILURE_POLICY,
    private readonly now: () => number = Date.now,
    private readonly maxTracked: number = MAX_TRACKED,
  ) {}

  /** records a failure; says how long to wait before answering, and whether to refuse outright */
  fail(address: string): Verdict {
    const now = this.now();
    const recent = this.recent(address);
    recent.push(now);
    // only the newest limit + 1 matter: enough to know the address is over the limit
    if (recent.length > this.policy.limit + 1) recent.splice(0, recent.length - this.policy.limit - 1);
    this.seen.delete(address);
    while (this.seen.size >= this.maxTracked) {
      const stalest = this.seen.keys().next().value as string;
      this.seen.delete(stalest);
    }
    this.seen.set(address, recent);
    const n = recent.length;
    const limited = n > this.policy.limit;
    // under the limit again once all but limit - 1 of these have left the window
    const pivot = recent[n - this.policy.limit] ?? now;
    const retryAfterS = limited ? Math.max(1, Math.ceil((pivot + this.policy.windowMs - now) / 1000)) : 0;
    return { delayMs: Math.min(this.policy.maxDelayMs, n * this.policy.stepMs), limited, retryAfterS };
  }

  count(address: string): number {
    return this.recent(address).length;
  }

  /** how many addresses are remembered */
  get size(): number {
    return this.seen.size;
  }

  private recent(address: string): number[] {
    const since = this.now() - this.policy.windowMs;
    return (this.seen.get(address) ?? []).filter((t) => t > since);
  }
}
