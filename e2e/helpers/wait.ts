// Waiting without timed assertions: poll until something is true, with a generous deadline, and
// when the deadline passes say what was awaited and what was seen last.

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface WaitOptions {
  /** what is awaited, for the error message */
  what: string;
  /** ms; generous by default: two busy cores, a real engine, a real browser */
  timeout?: number;
  interval?: number;
}

/**
 * Calls `probe` until it returns something other than undefined/false, and returns that.
 * `describe` (optional) renders the last state seen for the timeout message.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  { what, timeout = 60_000, interval = 150 }: WaitOptions,
  describe?: () => Promise<string> | string,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      let seen = '';
      try {
        seen = describe ? `\n--- last seen ---\n${await describe()}\n-----------------` : '';
      } catch {
        // nothing more to say
      }
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}${cause}${seen}`);
    }
    await sleep(interval);
  }
}
