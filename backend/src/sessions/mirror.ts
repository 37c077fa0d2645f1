// A headless terminal that mirrors a session's screen, so that every attach can start with a
// snapshot of the screen as it is (the prompt is often printed before anyone attaches).
//
// The mirror never slows the session down: xterm parses asynchronously and more slowly than
// a flood arrives (some 12 MB/s for lines of text), so the mirror keeps its own bounded queue
// in front of the parser and, when it falls far behind, sheds the oldest unparsed bytes: the
// screen then shows the latest output, as it would after any flood, and memory stays bounded.
// Resizes and marks are kept in order with the bytes: a mark runs once everything written
// before it is on the screen and nothing written after it is.
// Parsing waits for the output to pause (or for a mark or resize, which need the screen as it
// is): during a flood the parser would take a core that the engine's pty copy needs (on two
// cores the bridge ran at 0.75 of a raw attach's speed with it, 0.98 without), for a screen
// that is only ever looked at once the flood is over. After a flood the pause must be longer:
// on a busy machine a flood has gaps of tens of milliseconds (the engine not scheduled, flow
// control holding the stream while a client catches up; at a load average of 20, gaps of
// several hundred), and parsing in each of them took 1.6 s of CPU per 50 MB from the service
// while the flood was still on (0.8 of a raw attach's speed).

import xterm from '@xterm/headless';
import { SerializeAddon } from '@xterm/addon-serialize';

const { Terminal } = xterm;

export const MIRROR_SCROLLBACK = 1000;
/** bytes handed to the parser at a time: small, so that parsing stops soon when output resumes */
const FEED = 64 * 1024;
/** unparsed bytes beyond which the oldest are shed, and how many are kept then */
export const MIRROR_MAX_QUEUED = 2 * 1024 * 1024;
const KEEP_QUEUED = 512 * 1024;
/** how long the output must pause before the parser catches up */
const QUIET_MS = 30;
/** ... after a flood: more than FLOOD_BYTES written within the last one or two FLOOD_WINDOW_MS */
const FLOOD_QUIET_MS = 1000;
const FLOOD_BYTES = 512 * 1024;
const FLOOD_WINDOW_MS = 1000;

type Entry = { kind: 'bytes'; data: Uint8Array } | { kind: 'resize'; cols: number; rows: number } | { kind: 'mark'; run: () => void };

export class ScreenMirror {
  /**
   * Made on first use (the first output, resize or snapshot of something written): a session's
   * first attach and its sidecar's create come before any output, and building an xterm then
   * would only delay the create.
   */
  private made: { term: InstanceType<typeof Terminal>; serializer: SerializeAddon } | null = null;
  private readonly queue: Entry[] = [];
  private queued = 0;
  /** bytes handed to xterm and not parsed yet */
  private feeding = 0;
  private shed = 0;
  private size: { cols: number; rows: number };
  private readonly initialSize: { cols: number; rows: number };
  private disposed = false;
  /** marks and resizes in the queue: while there is one, parsing does not wait */
  private barriers = 0;
  private lastWrite = 0;
  private quietTimer: NodeJS.Timeout | null = null;
  /** bytes written in the current and the previous window (flood detection) */
  private windowStart = 0;
  private windowBytes = 0;
  private previousWindowBytes = 0;

  constructor(cols: number, rows: number) {
    this.size = { cols, rows };
    this.initialSize = { cols, rows };
  }

  private get term(): InstanceType<typeof Terminal> {
    if (this.made === null) {
      // the size the screen had when the queue started (resizes in the queue follow)
      const { cols, rows } = this.initialSize;
      const term = new Terminal({ cols, rows, scrollback: MIRROR_SCROLLBACK, allowProposedApi: true });
      const serializer = new SerializeAddon();
      term.loadAddon(serializer);
      this.made = { term, serializer };
    }
    return this.made.term;
  }

  /** bytes written and not yet on the screen */
  get pending(): number {
    return this.queued + this.feeding;
  }

  /** bytes dropped unparsed because the parser fell behind */
  get skipped(): number {
    return this.shed;
  }

  /** the size as last asked for */
  get cols(): number {
    return this.size.cols;
  }

  get rows(): number {
    return this.size.rows;
  }

  write(data: Uint8Array): void {
    if (this.disposed || data.length === 0) return;
    this.queue.push({ kind: 'bytes', data });
    this.queued += data.length;
    if (this.queued > MIRROR_MAX_QUEUED) this.shedOldest();
    const now = performance.now();
    if (now - this.windowStart >= FLOOD_WINDOW_MS) {
      this.previousWindowBytes = now - this.windowStart < 2 * FLOOD_WINDOW_MS ? this.windowBytes : 0;
      this.windowStart = now;
      this.windowBytes = 0;
    }
    this.windowBytes += data.length;
    this.lastWrite = now;
    this.pump();
  }

  resize(cols: number, rows: number): void {
    if (this.disposed || (cols === this.size.cols && rows === this.size.rows)) return;
    this.size = { cols, rows };
    this.queue.push({ kind: 'resize', cols, rows });
    this.barriers += 1;
    this.pump();
  }

  /**
   * Runs `fn` once everything written before this call is on the screen, before anything
   * written after it is (so a snapshot taken in `fn` is exact); at once when disposed.
   */
  mark(fn: () => void): void {
    if (this.disposed) {
      fn();
      return;
    }
    this.queue.push({ kind: 'mark', run: fn });
    this.barriers += 1;
    this.pump();
  }

  /** resolves once every byte written before the call is parsed */
  settled(): Promise<void> {
    return new Promise((resolve) => this.mark(resolve));
  }

  /** a VT string that redraws the screen (and scrollback) as it is now; '' when blank */
  snapshot(): string {
    // nothing parsed yet: a blank screen, without building a terminal to say so
    return this.disposed || this.made === null ? '' : this.made.serializer.serialize();
  }

  /** the screen's size as the snapshot has it */
  get screenSize(): { cols: number; rows: number } {
    return this.made === null ? { ...this.initialSize } : { cols: this.made.term.cols, rows: this.made.term.rows };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    const marks = this.queue.flatMap((e) => (e.kind === 'mark' ? [e.run] : []));
    this.queue.length = 0;
    this.queued = 0;
    this.made?.term.dispose();
    for (const run of marks) run();
  }

  private shedOldest(): void {
    // drop bytes from the front, keeping resizes and marks, in one pass
    const kept: Entry[] = [];
    let i = 0;
    for (; i < this.queue.length && this.queued > KEEP_QUEUED; i++) {
      const e = this.queue[i] as Entry;
      if (e.kind === 'bytes') {
        this.queued -= e.data.length;
        this.shed += e.data.length;
      } else {
        kept.push(e);
      }
    }
    this.queue.splice(0, i, ...kept);
  }

  private pump(): void {
    while (!this.disposed && this.queue.length > 0) {
      const e = this.queue[0] as Entry;
      if (e.kind !== 'bytes') {
        // a barrier: everything before it must be parsed first
        if (this.feeding > 0) return;
        this.queue.shift();
        this.barriers -= 1;
        if (e.kind === 'resize') this.term.resize(e.cols, e.rows);
        else e.run();
        continue;
      }
      if (this.feeding >= FEED) return;
      if (this.barriers === 0 && performance.now() - this.lastWrite < this.quietMs()) {
        this.whenQuiet();
        return;
      }
      this.queue.shift();
      const size = e.data.length;
      this.queued -= size;
      this.feeding += size;
      this.term.write(e.data, () => {
        this.feeding -= size;
        this.pump();
      });
    }
  }

  private quietMs(): number {
    return this.windowBytes + this.previousWindowBytes >= FLOOD_BYTES ? FLOOD_QUIET_MS : QUIET_MS;
  }

  /** pumps again once the output has paused */
  private whenQuiet(): void {
    if (this.quietTimer || this.disposed) return;
    this.quietTimer = setTimeout(
      () => {
        this.quietTimer = null;
        this.pump();
      },
      Math.max(1, this.lastWrite + this.quietMs() - performance.now()),
    );
    this.quietTimer.unref();
  }
}
