// One session's recording: its output (never its input) and resizes, with their times, kept
// in memory up to a cap. Past the cap the oldest events are dropped and the recording opens
// with a marker that says how much; the size at the first event kept becomes the header's.
// The hot path (`output`) copies the bytes into the recording's blocks (byte-log.ts) and adds
// four numbers to its index (event-ring.ts): no object per chunk, no encoding. Encoding to
// asciicast happens when someone reads it.

import { type AsciicastHeader, headerLine, markerLine, OutputEncoder, resizeLine } from './asciicast.js';
import { ByteLog } from './byte-log.js';
import { EventRing } from './event-ring.js';

export const DEFAULT_RECORDING_CAP = 8 * 1024 * 1024;
/** what an event costs beyond its bytes (its place in the index), counted against the caps */
export const EVENT_OVERHEAD = 64;

/** What a recording asks of whoever bounds the total across recordings (store.ts). */
export interface RecordingBudget {
  /** the recording's kept cost changed by `bytes` (negative when it dropped more than it took) */
  grew(recording: Recording, bytes: number): void;
}

export class Recording {
  private readonly log = new ByteLog();
  private readonly events = new EventRing();
  /** the position of the first kept byte in the log */
  private keptFrom = 0;
  private cost = 0;
  private droppedBytes = 0;
  private size: { cols: number; rows: number };
  private readonly startedAt: number;

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

  /** the memory the recording's bytes take (blocks, kept bytes or not) */
  get allocated(): number {
    return this.log.allocated;
  }

  output(bytes: Uint8Array): void {
    // larger than the cap on its own (an adopted session's history): its latest bytes are kept
    const room = Math.max(0, this.cap - EVENT_OVERHEAD);
    const chunk = bytes.length > room ? bytes.subarray(bytes.length - room) : bytes;
    this.droppedBytes += bytes.length - chunk.length;
    if (chunk.length === 0) return;
    const cost = chunk.length + EVENT_OVERHEAD;
    // room first: the block the drop frees is then there for the append to fill
    const freed = this.cost + cost > this.cap ? this.drop(this.cap - cost) : 0;
    this.log.append(chunk);
    this.events.push(this.clock() - this.startedAt, this.log.end);
    this.grew(cost, freed);
  }

  resize(cols: number, rows: number): void {
    const freed = this.cost + EVENT_OVERHEAD > this.cap ? this.drop(this.cap - EVENT_OVERHEAD) : 0;
    this.events.push(this.clock() - this.startedAt, this.log.end, cols, rows);
    this.grew(EVENT_OVERHEAD, freed);
  }

  /** how many 64 KiB blocks its bytes have taken in all: a flood past the cap reuses them */
  get blocksMade(): number {
    return this.log.blocksMade;
  }

  /** drops the oldest events until at most `bytes` are kept; returns how much was freed */
  trimTo(bytes: number): number {
    const freed = this.drop(bytes);
    // trimmed from outside (the total cap, a forgotten session): no flood is about to reuse it
    this.log.releaseSpare();
    return freed;
  }

  /** the asciicast v2 text of what is kept, as of now */
  text(): string {
    const lines = [headerLine({ ...this.header, width: this.size.cols, height: this.size.rows })];
    const encoder = new OutputEncoder();
    let from = this.keptFrom;
    let last = 0;
    // the first output kept may start inside a character whose first bytes were dropped
    let cut = this.droppedBytes > 0;
    for (let i = 0; i < this.events.length; i++) {
      const e = this.events.at(i);
      last = e.ms;
      if (i === 0 && this.droppedBytes > 0) {
        lines.push(markerLine(e.ms, `cdebug: ${this.droppedBytes} bytes of earlier output were dropped (the recording keeps the latest ${this.cap} bytes)`));
      }
      if (e.cols > 0) lines.push(resizeLine(e.ms, e.cols, e.rows));
      else {
        const data = this.log.read(from, e.end);
        lines.push(encoder.output(e.ms, cut ? withoutLeadingContinuation(data) : data));
        cut = false;
      }
      from = e.end;
    }
    lines.push(encoder.end(last));
    return lines.join('');
  }

  private grew(cost: number, freedBefore: number): void {
    this.cost += cost;
    // a resize into a cap smaller than one event goes too
    const freed = freedBefore + (this.cost > this.cap ? this.drop(this.cap) : 0);
    this.budget?.grew(this, cost - freed);
  }

  private drop(bytes: number): number {
    let freed = 0;
    while (this.cost > bytes && this.events.length > 0) {
      const e = this.events.at(0);
      this.events.shift();
      const length = e.cols > 0 ? 0 : e.end - this.keptFrom;
      this.keptFrom = e.end;
      if (e.cols > 0) this.size = { cols: e.cols, rows: e.rows };
      this.droppedBytes += length;
      this.cost -= length + EVENT_OVERHEAD;
      freed += length + EVENT_OVERHEAD;
    }
    this.log.dropBefore(this.keptFrom);
    return freed;
  }
}

/** the bytes after the continuation bytes (10xxxxxx) a cut character left at the start */
function withoutLeadingContinuation(data: Uint8Array): Uint8Array {
  let i = 0;
  while (i < data.length && i < 3 && ((data[i] as number) & 0xc0) === 0x80) i++;
  return i === 0 ? data : data.subarray(i);
}
