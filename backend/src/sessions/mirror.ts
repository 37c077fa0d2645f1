// A headless terminal that mirrors a session's screen, so that every attach can start with a
// snapshot of the screen as it is (the prompt is often printed before anyone attaches).
// xterm parses asynchronously: `pending` is the backlog that flow control counts, and
// `settled()` waits until everything written so far is on the screen.

import xterm from '@xterm/headless';
import { SerializeAddon } from '@xterm/addon-serialize';

const { Terminal } = xterm;

export const MIRROR_SCROLLBACK = 1000;

export class ScreenMirror {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly serializer = new SerializeAddon();
  private backlog = 0;
  private disposed = false;
  /** settled() promises still waiting, released when the mirror is disposed */
  private readonly waiting = new Set<() => void>();

  constructor(
    cols: number,
    rows: number,
    /** called whenever the parser has caught up with a write */
    private readonly onProgress: () => void = () => undefined,
  ) {
    this.term = new Terminal({ cols, rows, scrollback: MIRROR_SCROLLBACK, allowProposedApi: true });
    this.term.loadAddon(this.serializer as unknown as Parameters<typeof this.term.loadAddon>[0]);
  }

  get pending(): number {
    return this.backlog;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  write(data: Uint8Array): void {
    if (this.disposed || data.length === 0) return;
    const size = data.length;
    this.backlog += size;
    this.term.write(data, () => {
      this.backlog -= size;
      this.onProgress();
    });
  }

  resize(cols: number, rows: number): void {
    if (this.disposed || (cols === this.term.cols && rows === this.term.rows)) return;
    this.term.resize(cols, rows);
  }

  /** resolves once every byte written before the call is parsed */
  settled(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.waiting.delete(done);
        resolve();
      };
      this.waiting.add(done);
      this.term.write('', done);
    });
  }

  /** a VT string that redraws the screen (and scrollback) as it is now; '' when blank */
  snapshot(): string {
    return this.disposed ? '' : this.serializer.serialize();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.term.dispose();
    for (const done of [...this.waiting]) done();
  }
}
