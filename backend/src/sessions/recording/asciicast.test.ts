import { describe, expect, it } from 'vitest';
import { headerLine, markerLine, OutputEncoder, recordingTitle, resizeLine } from './asciicast.js';

const bytes = (s: string) => new TextEncoder().encode(s);
/** the text of an output event line */
const textOf = (line: string) => (JSON.parse(line) as [number, string, string])[2];

describe('asciicast v2 lines', () => {
  it('writes the header with version 2, size, whole-second timestamp and title', () => {
    const line = headerLine({ width: 80, height: 24, timestamp: 1_700_000_000.9, title: recordingTitle('web', 'busybox:latest') });
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000, title: 'web · busybox:latest' });
  });

  it('writes resizes as COLSxROWS and markers as "m", times in seconds', () => {
    expect(JSON.parse(resizeLine(1500, 120, 40))).toEqual([1.5, 'r', '120x40']);
    expect(JSON.parse(markerLine(2, 'dropped'))).toEqual([0.002, 'm', 'dropped']);
  });

  it('keeps escape sequences of every kind byte for byte', () => {
    const raw = '\x1b[1;31mred\x1b[0m\x1b]0;title\x07\x1bP1$r0m\x1b\\\x1b[?1049h\x1b[2J\x1b(0lqk\x1b(B\x00\x7f\r\n';
    const line = new OutputEncoder().output(0, bytes(raw));
    expect(textOf(line)).toBe(raw);
  });

  it('carries a character split between chunks whole into the next event', () => {
    const all = bytes('a€b😀c');
    const encoder = new OutputEncoder();
    const texts: string[] = [];
    // every byte its own chunk: each multi-byte character is split at every place it can be
    for (const b of all) {
      const line = encoder.output(0, Uint8Array.of(b));
      if (line) texts.push(textOf(line));
    }
    expect(texts.join('')).toBe('a€b😀c');
    expect(texts).not.toContain('\ufffd');
    expect(encoder.end(0)).toBe('');
  });

  it('ends an incomplete character with a replacement character', () => {
    const encoder = new OutputEncoder();
    expect(encoder.output(0, Uint8Array.of(0xe2, 0x82))).toBe('');
    expect(textOf(encoder.end(0.5))).toBe('\ufffd');
  });
});
