// Resizes of the sidecar's pty, throttled: a window being dragged sends dozens of sizes a
// second; the engine gets at most one call per interval, never two at once, and always the
// latest size in the end.

export interface Size {
  cols: number;
  rows: number;
}

export class ResizeThrottle {
  private wanted: Size | null = null;
  private applied: Size | null = null;
  private busy = false;
  private timer: NodeJS.Timeout | null = null;
  private last = -Infinity;
  private disposed = false;

  constructor(
    private readonly apply: (size: Size) => Promise<void>,
    private readonly intervalMs = 100,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  request(size: Size): void {
    if (this.disposed) return;
    this.wanted = size;
    this.pump();
  }

  /** the size that the engine was last asked for */
  get current(): Size | null {
    return this.applied;
  }

  dispose(): void {
    this.disposed = true;
    this.wanted = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.disposed || this.busy || this.timer || !this.wanted) return;
    const size = this.wanted;
    if (this.applied && size.cols === this.applied.cols && size.rows === this.applied.rows) {
      this.wanted = null;
      return;
    }
    const wait = this.last + this.intervalMs - Date.now();
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    this.wanted = null;
    this.busy = true;
    this.last = Date.now();
    this.apply(size)
      .then(() => {
        this.applied = size;
      })
      .catch(this.onError)
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }
}
