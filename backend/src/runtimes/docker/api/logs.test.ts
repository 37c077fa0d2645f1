import { describe, expect, it } from 'vitest';
import { logLines } from './logs.js';

function frame(stream: 1 | 2, payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('logLines', () => {
  it('joins stdout and stderr in the order the engine kept them', () => {
    const raw = Buffer.concat([frame(1, 'starting\n'), frame(2, 'fatal: no config\n'), frame(1, 'bye\n')]);
    expect(logLines(raw, false, 50)).toEqual(['starting', 'fatal: no config', 'bye']);
  });

  it('keeps only the last lines asked for', () => {
    const raw = Buffer.concat(Array.from({ length: 10 }, (_, i) => frame(1, `line ${i}\n`)));
    expect(logLines(raw, false, 3)).toEqual(['line 7', 'line 8', 'line 9']);
  });

  it('reads a tty log as raw text, carriage returns dropped', () => {
    expect(logLines(Buffer.from('a\r\nb\r\nlast without newline'), true, 50)).toEqual(['a', 'b', 'last without newline']);
  });

  it('does not split a character cut between two frames', () => {
    const snow = Buffer.from('❄\n', 'utf8');
    const raw = Buffer.concat([
      frame(1, ''),
      Buffer.from([1, 0, 0, 0, 0, 0, 0, 1]),
      snow.subarray(0, 1),
      Buffer.from([1, 0, 0, 0, 0, 0, 0, snow.length - 1]),
      snow.subarray(1),
    ]);
    expect(logLines(raw, false, 50)).toEqual(['❄']);
  });

  it('answers an empty log with no lines', () => {
    expect(logLines(Buffer.alloc(0), false, 50)).toEqual([]);
    expect(logLines(Buffer.alloc(0), true, 50)).toEqual([]);
  });
});
