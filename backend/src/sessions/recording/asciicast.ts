// asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/), written as it goes: a header
// line, then one JSON array per event, `[seconds, "o", text]` for output, `[seconds, "r",
// "COLSxROWS"]` for a resize, `[seconds, "m", label]` for a marker. Pure.
//
// Output is bytes and the format wants text: a multi-byte character split between two chunks
// must not become two replacement characters, so the bytes go through one streaming decoder,
// and the tail of an incomplete character waits for the next chunk (an event whose bytes are
// all such a tail is left out: its bytes come with the next one).

export const ASCIICAST_MEDIA_TYPE = 'application/x-asciicast';

export interface AsciicastHeader {
  width: number;
  height: number;
  /** Unix time of the start, in seconds */
  timestamp: number;
  title: string;
}

export function headerLine(header: AsciicastHeader): string {
  return `${JSON.stringify({ version: 2, width: header.width, height: header.height, timestamp: Math.floor(header.timestamp), title: header.title })}\n`;
}

/** seconds since the start, to the microsecond */
function seconds(ms: number): number {
  return Math.max(0, Math.round(ms * 1000) / 1e6);
}

export function resizeLine(ms: number, cols: number, rows: number): string {
  return `${JSON.stringify([seconds(ms), 'r', `${cols}x${rows}`])}\n`;
}

export function markerLine(ms: number, label: string): string {
  return `${JSON.stringify([seconds(ms), 'm', label])}\n`;
}

/** The title a session's recording carries: "<target> · <toolkit>". */
export function recordingTitle(target: string, toolkit: string): string {
  return `${target} · ${toolkit}`;
}

/** Encodes output events, carrying incomplete UTF-8 characters from one chunk to the next. */
export class OutputEncoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  /** the event line for these bytes, or '' when they only start a character */
  output(ms: number, bytes: Uint8Array): string {
    const text = this.decoder.decode(bytes, { stream: true });
    return text === '' ? '' : `${JSON.stringify([seconds(ms), 'o', text])}\n`;
  }

  /** what is left of an incomplete character at the end (a replacement character), or '' */
  end(ms: number): string {
    const text = this.decoder.decode();
    return text === '' ? '' : `${JSON.stringify([seconds(ms), 'o', text])}\n`;
  }
}
