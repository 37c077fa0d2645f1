// One session's recording: its output (never its input) and resizes, with their times, kept
// in memory up to a cap. Past the cap the oldest events are dropped and the recording opens
// with a marker that says how much; the size at the first event kept becomes the header's.
// The hot path (`output`) only appends a reference: encoding happens when someone reads it.

import { type AsciicastHeader, headerLine, markerLine, OutputEncoder, resizeLine } from './asciicast.js';

export const DEFAULT_RECORDING_CAP = 8 * 1024 * 1024;
/** what an event costs beyond its bytes (the object, the array slot), counted against the caps */
export const EVENT_OVERHEAD = 64;
/** the block small chunks are copied into */
const ARENA = 64 * 1024;

type Event = { ms: number; kind: 'o'; data: Uint8Array } | { ms: number; kind: 'r'; cols: number; rows: number };

/** What a recording asks of whoever bounds the total across recordings (store.ts). */
export interface RecordingBudget {
  /** the recording's kept cost changed by `bytes` (negative when it dropped more than it took) */
  grew(recording: Recording, bytes: number): void;
}

const costOf = (e: Event) => (e.kind === 'o' ? e.data.length : 0) + EVENT_OVERHEAD;

export class Recording {
  private readonly events: Event[] = [];
  /** index of the first kept event: dropping is O(1), the array is compacted now and then */
  private head = 0;
  private cost = 0;
  private droppedBytes = 0;
  private size: { cols: number; rows: number };
  private readonly startedAt: number;
  /** where small chunks are copied to (keep) */
  private arena: Buffer | null = null;
  private arenaUsed = 0;

  constructor(
    private readonly header: AsciicastHeader,
    private readonly cap: number = DEFAULT_RECORDING_CAP,
    private readonly budget: RecordingBudget | null = null,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.size = { cols: header.width, rows: header.height };
    this.startedAt = clock();
  }

  /** what the kept events cost (bytes plus EVENT_OVERHEAD each) */
  get bytes(): number {
    return this.cost;
  }

  /** output bytes dropped to stay within a cap */
  get dropped(): number {
    return this.droppedBytes;
  }

  output(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.push({ ms: this.clock() - this.startedAt, kind: 'o', data: this.keep(chunk) });
  }

  /**
   * The bytes to keep for a chunk. A socket hands out views of its 64 KiB read buffer: kept as
   * they are, a few bytes would hold the whole buffer alive. Small chunks are copied into a
   * block of their own instead (one allocation per ARENA bytes, not one per chunk); a large
   * chunk that is all of its buffer is kept as it is.
   */
  private keep(chunk: Uint8Array): Uint8Array {
    if (chunk.byteLength * 2 >= chunk.buffer.byteLength) return chunk;
    if (chunk.length > ARENA / 4) return Uint8Array.prototype.slice.call(chunk);
    if (this.arena === null || this.arenaUsed + chunk.length > this.arena.length) {
      this.arena = Buffer.allocUnsafeSlow(ARENA);
      this.arenaUsed = 0;
    }
    const start = this.arenaUsed;
    this.arena.set(chunk, start);
    this.arenaUsed += chunk.length;
    return this.arena.subarray(start, this.arenaUsed);
  }

  resize(cols: number, rows: number): void {
    this.push({ ms: this.clock() - this.startedAt, kind: 'r', cols, rows });
  }

  /** drops the oldest events until at most `bytes` are kept; returns how much was freed */
  trimTo(bytes: number): number {
    let freed = 0;
    while (this.cost > bytes && this.head < this.events.length) {
      const e = this.events[this.head] as Event;
      this.events[this.head] = undefined as unknown as Event;
      this.head += 1;
      const cost = costOf(e);
      this.cost -= cost;
      freed += cost;
      if (e.kind === 'o') this.droppedBytes += e.data.length;
      else this.size = { cols: e.cols, rows: e.rows };
    }
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events.splice(0, this.head);
      this.head = 0;
    }
    return freed;
  }

  /** the asciicast v2 text of what is kept, as of now */
  text(): string {
    const lines = [headerLine({ ...this.header, width: this.size.cols, height: this.size.rows })];
    const encoder = new OutputEncoder();
    let first = true;
    let last = 0;
    for (let i = this.head; i < this.events.length; i++) {
      const e = this.events[i] as Event;
      last = e.ms;
      if (first && this.droppedBytes > 0) {
        lines.push(markerLine(e.ms, `cdebug: ${this.droppedBytes} bytes of earlier output were dropped (the recording keeps the latest ${this.cap} bytes)`));
      }
      if (e.kind === 'r') lines.push(resizeLine(e.ms, e.cols, e.rows));
      else lines.push(encoder.output(e.ms, first && this.droppedBytes > 0 ? withoutLeadingContinuation(e.data) : e.data));
      first = false;
    }
    lines.push(encoder.end(last));
    return lines.join('');
  }

  private push(event: Event): void {
    this.events.push(event);
    const cost = costOf(event);
    this.cost += cost;
    let freed = 0;
    if (this.cost > this.cap) freed = this.trimTo(this.cap);
    this.budget?.grew(this, cost - freed);
  }
}

/** the first kept chunk may start inside a character whose first bytes were dropped */
function withoutLeadingContinuation(data: Uint8Array): Uint8Array {
  let i = 0;
  while (i < data.length && i < 3 && ((data[i] as number) & 0xc0) === 0x80) i++;
  return i === 0 ? data : data.subarray(i);
}
