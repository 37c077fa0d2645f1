import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { BLOCK } from './byte-log.js';
import { EVENT_OVERHEAD, Recording } from './recording.js';
import { parseCast, replayInto } from './replay.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const header = { width: 40, height: 6, timestamp: 1_700_000_000, title: 't · busybox' };

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

async function screen(term: InstanceType<typeof xterm.Terminal>): Promise<string[]> {
  await new Promise<void>((r) => term.write('', r));
  const lines: string[] = [];
  for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i)?.translateToString(true) ?? '');
  return lines;
}

describe('Recording', () => {
  it('records output and resizes with their times since the start', () => {
    const clock = fakeClock();
    const r = new Recording(header, 1024, null, clock.now);
    clock.advance(250);
    r.output(bytes('hello'));
    clock.advance(1000);
    r.resize(100, 30);
    const cast = parseCast(r.text());
    expect(cast.header).toEqual({ version: 2, width: 40, height: 6, timestamp: 1_700_000_000, title: 't · busybox' });
    expect(cast.events).toEqual([
      [0.25, 'o', 'hello'],
      [1.25, 'r', '100x30'],
    ]);
  });

  it('replays into a terminal exactly as the raw bytes draw it, split characters and resizes included', async () => {
    const parts = [
      '/ # ls\r\n\x1b[1;34mbin\x1b[0m  é😀\r\n',
      '\x1b[?1049h\x1b[H\x1b[2Jfull screen\x1b[5;3H\x1b[7mrev\x1b[0m',
      '\x1b[?1049l/ # printf "\\xe2\\x82\\xac"\r\n€\r\n/ # ',
    ];
    const all = bytes(parts.join(''));
    const r = new Recording(header, 1 << 20);
    const raw = new xterm.Terminal({ cols: 40, rows: 6, allowProposedApi: true });
    // chunks of 3 bytes: characters and escape sequences are cut everywhere
    for (let i = 0; i < all.length; i += 3) {
      const chunk = all.subarray(i, i + 3);
      r.output(chunk);
      raw.write(chunk);
      if (i === 30) {
        r.resize(50, 8);
        raw.resize(50, 8);
      }
    }
    const cast = parseCast(r.text());
    const replayed = new xterm.Terminal({ cols: cast.header.width, rows: cast.header.height, allowProposedApi: true });
    await replayInto(replayed, cast);
    expect(await screen(replayed)).toEqual(await screen(raw));
    expect(replayed.cols).toBe(50);
    raw.dispose();
    replayed.dispose();
  });

  it('drops the oldest events past its cap, opens with a marker and the size of the first event kept', () => {
    const r = new Recording(header, 10 * (100 + EVENT_OVERHEAD));
    r.output(new Uint8Array(100).fill(0x61));
    r.resize(90, 20);
    for (let i = 0; i < 20; i++) r.output(new Uint8Array(100).fill(0x62));
    expect(r.bytes).toBeLessThanOrEqual(10 * (100 + EVENT_OVERHEAD));
    const cast = parseCast(r.text());
    expect(cast.header.width).toBe(90);
    expect(cast.events[0]?.[1]).toBe('m');
    expect(cast.events[0]?.[2]).toMatch(/bytes of earlier output were dropped/);
    expect(cast.events.slice(1).every(([, kind, data]) => kind === 'o' && data === 'b'.repeat(100))).toBe(true);
    // the 10 newest fit the cap exactly: "a", the resize and 10 "b" events went
    expect(r.dropped).toBe(100 + 10 * 100);
  });

  it('skips the rest of a character whose first bytes were dropped', () => {
    const r = new Recording(header, 2 * (2 + EVENT_OVERHEAD));
    r.output(bytes('x'));
    const euro = bytes('€');
    r.output(euro.subarray(0, 1));
    r.output(euro.subarray(1));
    r.output(bytes('ok'));
    const out = parseCast(r.text())
      .events.filter(([, k]) => k === 'o')
      .map(([, , d]) => d)
      .join('');
    expect(out).toBe('ok');
  });

  it('holds its cap under a flood of 100 MB: memory bounded, marker present', () => {
    const cap = 8 * 1024 * 1024;
    const r = new Recording(header, cap);
    const before = process.memoryUsage().arrayBuffers;
    let peak = 0;
    for (let i = 0; i < 1600; i++) {
      r.output(Buffer.alloc(64 * 1024, 0x41 + (i % 26)));
      if (i % 100 === 0) peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
    }
    expect(r.bytes).toBeLessThanOrEqual(cap);
    expect(r.dropped).toBeGreaterThanOrEqual(100 * 1024 * 1024 - cap);
    // what the recording holds is its cap; what the flood allocated is the collector's to free
    expect(peak).toBeLessThan(100 * 1024 * 1024);
    const text = r.text();
    expect(text.split('\n')[1]).toMatch(/"m","cdebug: \d+ bytes of earlier output were dropped/);
    expect(text.length).toBeLessThan(cap * 1.1);
  });

  it('copies a small view of a large buffer rather than keeping the whole buffer', () => {
    const big = new Uint8Array(1 << 20);
    const r = new Recording(header, 1 << 20);
    const view = big.subarray(10, 20);
    r.output(view);
    view[0] = 0x7a;
    big.fill(0x7a);
    expect(parseCast(r.text()).events[0]?.[2]).toBe('\u0000'.repeat(10));
  });
  it('skips a cut character in the first output kept even when a resize comes first', () => {
    const r = new Recording(header, 3 * EVENT_OVERHEAD + 4);
    r.output(bytes('x'));
    const euro = bytes('€');
    r.output(euro.subarray(0, 1));
    r.resize(50, 10);
    r.output(euro.subarray(1));
    r.output(bytes('ok'));
    const cast = parseCast(r.text());
    expect(cast.events.map(([, k]) => k)).toEqual(['m', 'r', 'o']);
    expect(cast.events[2]?.[2]).toBe('ok');
  });

  it('uses the same memory all through a flood past its cap, and gives it back when trimmed to nothing', () => {
    const cap = 1 << 20;
    const r = new Recording(header, cap);
    const chunk = Buffer.alloc(4000, 0x61);
    let settled = 0;
    let made = 0;
    for (let i = 0; i < 5000; i++) {
      r.output(chunk);
      // once the cap is reached, every block freed at the front is the next one filled
      if (i === 1000) [settled, made] = [r.allocated, r.blocksMade];
    }
    expect(r.allocated).toBe(settled);
    expect(r.blocksMade).toBe(made);
    expect(settled).toBeLessThanOrEqual(cap + 2 * BLOCK);
    r.trimTo(0);
    expect(r.allocated).toBe(0);
    expect(r.bytes).toBe(0);
  });
  it('keeps the latest bytes of a chunk larger than its cap, with the marker', () => {
    const r = new Recording(header, 1000);
    r.output(bytes('x'.repeat(4000) + 'é' + 'y'.repeat(935)));
    const cast = parseCast(r.text());
    expect(r.dropped).toBe(4000 + 2 + 935 - (1000 - EVENT_OVERHEAD));
    expect(cast.events[0]?.[1]).toBe('m');
    // the 936 bytes kept start inside "é": its second byte is skipped, not shown as U+FFFD
    expect(cast.events[1]?.[2]).toBe('y'.repeat(935));
    expect(r.bytes).toBe(1000);
  });
});
