// Slows down guessing: failed token checks are counted per client address in a sliding
// window; each failure answers a little later than the last, and past a limit a wrong token
// gets 429 at once. A right token always passes, so a noisy page cannot lock the user out.

export interface FailurePolicy {
  windowMs: number;
  /** failures in the window after which wrong tokens get 429 */
  limit: number;
  /** the answer to the n-th failure waits n times this, up to maxDelayMs */
  stepMs: number;
  maxDelayMs: number;
}

export const DEFAULT_FAILURE_POLICY: FailurePolicy = { windowMs: 60_000, limit: 20, stepMs: 50, maxDelayMs: 1000 };

const MAX_TRACKED = 10_000;

export class FailureTracker {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly policy: FailurePolicy = DEFAULT_FAILURE_POLICY,
    private readonly now: () => number = Date.now,
  ) {}

  /** records a failure; says how long to wait before answering, and whether to refuse outright */
  fail(address: string): { delayMs: number; limited: boolean } {
    const recent = this.recent(address);
    recent.push(this.now());
    if (!this.seen.has(address) && this.seen.size >= MAX_TRACKED) this.seen.clear();
    this.seen.set(address, recent);
    const n = recent.length;
    return { delayMs: Math.min(this.policy.maxDelayMs, n * this.policy.stepMs), limited: n > this.policy.limit };
  }

  count(address: string): number {
    return this.recent(address).length;
  }

  private recent(address: string): number[] {
    const since = this.now() - this.policy.windowMs;
    return (this.seen.get(address) ?? []).filter((t) => t > since);
  }
}
