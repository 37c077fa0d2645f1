// A terminal's output as the lines a person reads, for the refusal matcher (refusals.ts): bytes
// in chunks of any size, out complete lines as text, with escape sequences (colours, cursor
// moves, titles) and control characters taken out, and carriage returns and backspaces applied
// as a screen applies them. A byte-at-a-time state machine, so that a sequence split between
// two chunks is still recognised. Bounded: one line's first MAX_LINE_BYTES printable bytes are
// kept; a longer one (a binary `cat`, a line that never ends) is dropped whole, as no refusal
// message is that long.

/** the printable bytes kept of one line: a refusal message fits many times over */
export const MAX_LINE_BYTES = 1024;

const BS = 0x08;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const ESC = 0x1b;
const BEL = 0x07;
const DEL = 0x7f;

/** where in an escape sequence the scanner is */
const enum At {
  Text,
  /** after ESC */
  Escape,
  /** after ESC and intermediate bytes (ESC ( B) */
  Intermediate,
  /** in a control sequence (ESC [ … final byte) */
  Csi,
  /** in a string (OSC ESC ], DCS ESC P, SOS, PM, APC), ended by BEL or ESC \ */
  Str,
  /** after ESC inside a string */
  StrEscape,
}

export class LineScanner {
  /** `wanted`: which lines to decode, from the first `length` bytes of a buffer (most lines are
   * not worth it; a view of each would cost more than the test); every line by default */
  constructor(private readonly wanted: (line: Buffer, length: number) => boolean = () => true) {}

  private readonly line = Buffer.alloc(MAX_LINE_BYTES);
  private length = 0;
  private overflow = false;
  /** a carriage return came: the next printable byte writes over the line from its start */
  private returned = false;
  private at = At.Text;

  /** the (wanted) lines this chunk completes (the start of one may have come in earlier chunks) */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === LF) {
        // a line feed ends any sequence a broken program left open, and the line
        this.at = At.Text;
        const line = this.take();
        if (line !== null) lines.push(line);
        continue;
      }
      switch (this.at) {
        case At.Text:
          if (byte >= 0x20 && byte !== DEL && !this.returned) {
            // most output is plain text: a run of it is copied at once
            i = this.run(chunk, i) - 1;
          } else {
            this.text(byte);
          }
          break;
        case At.Escape:
          if (byte === 0x5b) this.at = At.Csi;
          else if (byte === 0x5d || byte === 0x50 || byte === 0x58 || byte === 0x5e || byte === 0x5f) this.at = At.Str;
          else if (byte >= 0x20 && byte <= 0x2f) this.at = At.Intermediate;
          else if (byte !== ESC) this.at = At.Text;
          break;
        case At.Intermediate:
          if (byte < 0x20 || byte > 0x2f) this.at = At.Text;
          break;
        case At.Csi:
          if (byte >= 0x40 && byte <= 0x7e) this.at = At.Text;
          break;
        case At.Str:
          if (byte === BEL) this.at = At.Text;
          else if (byte === ESC) this.at = At.StrEscape;
          break;
        case At.StrEscape:
          this.at = byte === 0x5c ? At.Text : At.Str;
          break;
      }
    }
    return lines;
  }

  private text(byte: number): void {
    if (byte === ESC) {
      this.at = At.Escape;
    } else if (byte === CR) {
      this.returned = true;
    } else if (byte === BS) {
      this.backspace();
    } else if ((byte >= 0x20 && byte !== DEL) || byte === TAB) {
      if (this.returned) {
        this.returned = false;
        this.length = 0;
        this.overflow = false;
      }
      if (this.overflow) return;
      if (this.length === MAX_LINE_BYTES) {
        this.overflow = true;
        return;
      }
      this.line[this.length++] = byte;
    }
  }

  /** copies the plain bytes from `start` on; answers where they end */
  private run(chunk: Uint8Array, start: number): number {
    const line = this.line;
    let end = start;
    let length = this.length;
    for (; end < chunk.length; end++) {
      const byte = chunk[end] as number;
      if (byte < 0x20 || byte === DEL) break;
      if (length < MAX_LINE_BYTES) line[length] = byte;
      length++;
    }
    if (length > MAX_LINE_BYTES) this.overflow = true;
    else if (!this.overflow) this.length = length;
    return end;
  }

  /** one character back: a UTF-8 one may be several bytes */
  private backspace(): void {
    while (this.length > 0 && ((this.line[this.length - 1] as number) & 0xc0) === 0x80) this.length--;
    if (this.length > 0) this.length--;
  }

  private take(): string | null {
    const line = this.overflow || !this.wanted(this.line, this.length) ? null : this.line.toString('utf8', 0, this.length).trimEnd();
    this.length = 0;
    this.overflow = false;
    this.returned = false;
    return line;
  }
}
