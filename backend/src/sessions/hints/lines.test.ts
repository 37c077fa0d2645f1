// The line scanner: lines as the screen shows them, whatever the chunks, in bounded memory.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineScanner, MAX_LINE_BYTES } from './lines.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

function scanAll(chunks: Uint8Array[]): string[] {
  const scanner = new LineScanner();
  return chunks.flatMap((chunk) => scanner.push(chunk));
}

/** the stream cut at these offsets */
function cut(data: Uint8Array, offsets: number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((o) => o % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(data.subarray(start, point));
    start = point;
  }
  chunks.push(data.subarray(start));
  return chunks;
}

const lines = (text: string) => scanAll([bytes(text)]);

describe('LineScanner: what the screen shows', () => {
  it('takes colours, cursor moves, titles and bells out', () => {
    expect(lines('\x1b[1;31mip:\x1b[0m SIOCSIFMTU: Operation not permitted\x1b[K\r\n')).toEqual(['ip: SIOCSIFMTU: Operation not permitted']);
    expect(lines('\x1b]0;root@web: /\x07\x1b[?2004hping: socket: Operation not permitted\n')).toEqual(['ping: socket: Operation not permitted']);
    expect(lines('\x1b]8;;http://x\x1b\\kill\x1b]8;;\x1b\\: x\x07\n')).toEqual(['kill: x']);
    expect(lines('\x1b(Bdate: \x1b7x\x1b8\n')).toEqual(['date: x']);
  });

  it('shows what a carriage return wrote over, and what backspaces left', () => {
    expect(lines('progress 10%\rdone\r\n')).toEqual(['done']);
    expect(lines('pinf\bg: x\n')).toEqual(['ping: x']);
    expect(lines('caf\u00e9\b\be\n')).toEqual(['cae']);
  });
});

describe('LineScanner', () => {
  it('gives complete lines only, the start of one kept across chunks', () => {
    const scanner = new LineScanner();
    expect(scanner.push(bytes('/ # ip link set lo mtu 1400\r\nip: SIOCSIF'))).toEqual(['/ # ip link set lo mtu 1400']);
    expect(scanner.push(bytes('MTU: Operation not permitted\r'))).toEqual([]);
    expect(scanner.push(bytes('\n/ # '))).toEqual(['ip: SIOCSIFMTU: Operation not permitted']);
  });

  it('keeps a UTF-8 character split between chunks whole', () => {
    const data = bytes('chown: /srv/café: Operation not permitted\n');
    const at = data.indexOf(0xa9); // the second byte of é
    expect(scanAll([data.subarray(0, at), data.subarray(at)])).toEqual(['chown: /srv/café: Operation not permitted']);
  });

  it('drops a line longer than its bound, and reads the next one', () => {
    const long = bytes(`${'x'.repeat(MAX_LINE_BYTES)}: Operation not permitted\nkill: (1) - Operation not permitted\n`);
    expect(scanAll([long])).toEqual(['kill: (1) - Operation not permitted']);
    const scanner = new LineScanner();
    // a megabyte without a newline, in pieces: nothing grows
    for (let i = 0; i < 1024; i++) expect(scanner.push(new Uint8Array(1024).fill(0x41))).toEqual([]);
    expect(scanner.push(bytes('\nok\n'))).toEqual(['ok']);
  });

  it('reads the same lines however the stream is cut (escape sequences and characters split too)', () => {
    const piece = fc.constantFrom(
      'ip: SIOCSIFMTU: Operation not permitted',
      '\x1b[31mtcpdump\x1b[0m: socket: Operation not permitted',
      '\x1b]0;title\x07/ # ',
      'café ✓ 日本',
      '\r\n',
      '\n',
      'progress\r',
      '\x1b[2K',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), (pieces, offsets) => {
        const data = bytes(pieces.join(''));
        expect(scanAll(cut(data, offsets))).toEqual(scanAll([data]));
      }),
      { numRuns: 500 },
    );
  });
});
