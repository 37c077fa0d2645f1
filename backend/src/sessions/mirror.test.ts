import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { ScreenMirror } from './mirror.js';

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

  it('counts unparsed bytes as pending and reports progress', async () => {
    let progress = 0;
    const m = new ScreenMirror(80, 24, () => progress++);
    m.write(bytes('x'.repeat(100_000)));
    expect(m.pending).toBe(100_000);
    await m.settled();
    expect(m.pending).toBe(0);
    expect(progress).toBeGreaterThan(0);
    m.dispose();
  });

  it('follows the session size', () => {
    const m = new ScreenMirror(80, 24);
    m.resize(120, 40);
    expect([m.cols, m.rows]).toEqual([120, 40]);
    m.dispose();
    expect(m.snapshot()).toBe('');
  });
});
