import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { MIRROR_MAX_QUEUED, ScreenMirror } from './mirror.js';

const bytes = (s: string) => new TextEncoder().encode(s);

/** What a client's terminal shows after writing the snapshot. */
async function replay(data: string, cols: number, rows: number): Promise<string[]> {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  await new Promise<void>((r) => term.write(data, r));
  const lines: string[] = [];
  for (let i = 0; i < term.buffer.active.length; i++) lines.push(term.buffer.active.getLine(i)?.translateToString(true).trimEnd() ?? '');
  term.dispose();
  return lines;
}

describe('ScreenMirror', () => {
  it('is blank before any output', () => {
    const m = new ScreenMirror(80, 24);
    expect(m.snapshot()).toBe('');
    m.dispose();
  });

  it('redraws what was written, colours and multi-byte characters included', async () => {
    const m = new ScreenMirror(40, 5);
    const all = bytes('/srv # ls /\r\n\x1b[1;34metc\x1b[0m  srv  é\r\n/srv # ');
    // split inside the two-byte "é" on purpose
    const cut = all.indexOf(0xc3) + 1;
    m.write(all.subarray(0, cut));
    m.write(all.subarray(cut));
    await m.settled();
    expect(m.pending).toBe(0);
    const snap = m.snapshot();
    expect(snap).toContain('\x1b[');
    const lines = await replay(snap, 40, 5);
    expect(lines[0]).toBe('/srv # ls /');
    expect(lines[1]).toBe('etc  srv  é');
    expect(lines[2]).toBe('/srv #');
    m.dispose();
  });

  it('counts unparsed bytes as pending', async () => {
    const m = new ScreenMirror(80, 24);
    m.write(bytes('x'.repeat(100_000)));
    expect(m.pending).toBe(100_000);
    await m.settled();
    expect(m.pending).toBe(0);
    m.dispose();
  });

  it('runs a mark after what was written before it and before what comes after', async () => {
    const m = new ScreenMirror(20, 3);
    m.write(bytes('before'));
    let seen = '';
    m.mark(() => (seen = m.snapshot()));
    m.write(bytes(' after'));
    await m.settled();
    expect(seen).toBe('before');
    expect(m.snapshot()).toBe('before after');
    m.dispose();
  });

  it('sheds the oldest unparsed bytes when it falls far behind, keeping the latest screen', async () => {
    const m = new ScreenMirror(40, 5);
    const line = (i: number) => bytes(`line ${String(i).padStart(7, '0')}\r\n`);
    for (let i = 0; i < 400_000; i++) m.write(line(i));
    m.write(bytes('the end'));
    expect(m.pending).toBeLessThanOrEqual(MIRROR_MAX_QUEUED + 256 * 1024);
    await m.settled();
    expect(m.skipped).toBeGreaterThan(0);
    const lines = await replay(m.snapshot(), 40, 5);
    expect(lines.filter(Boolean).slice(-2)).toEqual(['line 0399999', 'the end']);
    m.dispose();
  });

  it('applies resizes in order with the bytes', async () => {
    const m = new ScreenMirror(80, 24);
    m.write(bytes('x'));
    m.resize(100, 30);
    expect([m.cols, m.rows]).toEqual([100, 30]);
    await m.settled();
    expect(m.screenSize).toEqual({ cols: 100, rows: 30 });
    m.dispose();
  });

  it('runs waiting marks when disposed', async () => {
    const m = new ScreenMirror(80, 24);
    m.write(bytes('y'.repeat(1_000_000)));
    const done = m.settled();
    m.dispose();
    await done;
    let ran = false;
    m.mark(() => (ran = true));
    expect(ran).toBe(true);
  });

  it('follows the session size', () => {
    const m = new ScreenMirror(80, 24);
    m.resize(120, 40);
    expect([m.cols, m.rows]).toEqual([120, 40]);
    m.dispose();
    expect(m.snapshot()).toBe('');
  });
});
