// The events of a recording, oldest first, in one typed array used as a ring: an event is four
// numbers, not an object, so that keeping thousands of them costs the collector nothing and
// adding one allocates nothing (the array doubles when full and halves when three quarters
// are free, so a long recording trimmed short gives its memory back).
//
// An event is [ms since the start, end position in the ByteLog after it, cols, rows]: output
// when cols is 0 (its bytes run from the previous event's end), a resize otherwise.

const FIELDS = 4;
const MIN_CAPACITY = 64;

export interface RecordedEvent {
  ms: number;
  /** position in the ByteLog after this event's bytes (a resize: the position it happened at) */
  end: number;
  /** 0 for output */
  cols: number;
  rows: number;
}

export class EventRing {
  private slots = new Float64Array(MIN_CAPACITY * FIELDS);
  private room = MIN_CAPACITY;
  private head = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** how many events fit before the array grows (its memory: 32 bytes each) */
  get capacity(): number {
    return this.room;
  }

  push(ms: number, end: number, cols = 0, rows = 0): void {
    if (this.size === this.room) this.resize(this.room * 2);
    const at = ((this.head + this.size) % this.room) * FIELDS;
    this.slots[at] = ms;
    this.slots[at + 1] = end;
    this.slots[at + 2] = cols;
    this.slots[at + 3] = rows;
    this.size += 1;
  }

  /** the `i`th event kept (0: the oldest) */
  at(i: number): RecordedEvent {
    if (i < 0 || i >= this.size) throw new RangeError(`no event ${i} of ${this.size}`);
    const at = ((this.head + i) % this.room) * FIELDS;
    const s = this.slots;
    return { ms: s[at] as number, end: s[at + 1] as number, cols: s[at + 2] as number, rows: s[at + 3] as number };
  }

  /** forgets the oldest event */
  shift(): void {
    if (this.size === 0) return;
    this.head = (this.head + 1) % this.room;
    this.size -= 1;
    if (this.room > MIN_CAPACITY && this.size * 4 <= this.room) this.resize(this.room / 2);
  }

  private resize(capacity: number): void {
    const slots = new Float64Array(capacity * FIELDS);
    // the kept events in order: from the head to the array's end, then what wrapped to its start
    const firstPart = Math.min(this.size, this.room - this.head);
    slots.set(this.slots.subarray(this.head * FIELDS, (this.head + firstPart) * FIELDS));
    slots.set(this.slots.subarray(0, (this.size - firstPart) * FIELDS), firstPart * FIELDS);
    this.slots = slots;
    this.room = capacity;
    this.head = 0;
  }
}
