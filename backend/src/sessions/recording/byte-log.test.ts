import { describe, expect, it } from 'vitest';
import { BLOCK, ByteLog } from './byte-log.js';

/** n bytes counting up from `start` (mod 251, a prime: no two nearby blocks look alike) */
const counting = (start: number, n: number) => Uint8Array.from({ length: n }, (_, i) => (start + i) % 251);
/** byte for byte (toEqual on 200 KB would take seconds) */
const same = (a: Uint8Array, b: Uint8Array) => expect(Buffer.compare(a, b)).toBe(0);

describe('ByteLog', () => {
  it('reads back what was appended, within a block and across blocks', () => {
    const log = new ByteLog();
    const all = counting(0, 3 * BLOCK + 123);
    // uneven pieces, so that some straddle a block's end
    for (let at = 0; at < all.length;) {
      const n = Math.min(all.length - at, 5000 + (at % 7919));
      log.append(all.subarray(at, at + n));
      at += n;
    }
    expect(log.end).toBe(all.length);
    same(log.read(0, all.length), all);
    same(log.read(10, 20), all.subarray(10, 20));
    same(log.read(BLOCK - 5, BLOCK + 5), all.subarray(BLOCK - 5, BLOCK + 5));
    expect(log.read(7, 7)).toHaveLength(0);
  });

  it('copies: changing a chunk after it was appended changes nothing kept', () => {
    const log = new ByteLog();
    const chunk = counting(0, 100);
    log.append(chunk);
    chunk.fill(0);
    same(log.read(0, 100), counting(0, 100));
  });

  it('frees whole blocks before a position and refuses to read what it freed', () => {
    const log = new ByteLog();
    log.append(counting(0, 3 * BLOCK));
    expect(log.allocated).toBe(3 * BLOCK);
    log.dropBefore(BLOCK + 10);
    // the first block went (kept as the spare), the second still holds kept bytes
    same(log.read(BLOCK + 10, BLOCK + 20), counting(BLOCK + 10, 10));
    expect(() => log.read(BLOCK - 1, BLOCK + 1)).toThrow(RangeError);
    expect(log.allocated).toBe(3 * BLOCK);
    log.releaseSpare();
    expect(log.allocated).toBe(2 * BLOCK);
  });

  it('reuses the block it freed: a flood past the cap allocates nothing more', () => {
    const log = new ByteLog();
    const chunk = counting(0, 4096);
    const cap = 4 * BLOCK;
    let peak = 0;
    for (let i = 0; i < 1000; i++) {
      log.append(chunk);
      log.dropBefore(log.end - cap);
      peak = Math.max(peak, log.allocated);
    }
    // the kept bytes span at most 5 blocks, plus the spare
    expect(peak).toBeLessThanOrEqual(6 * BLOCK);
    same(log.read(log.end - 4096, log.end), chunk);
  });

  it('gives every block back when all is dropped, and goes on at the same position', () => {
    const log = new ByteLog();
    log.append(counting(0, BLOCK + 100));
    log.dropBefore(log.end);
    log.releaseSpare();
    expect(log.allocated).toBe(0);
    log.append(counting(7, 50));
    expect(log.end).toBe(BLOCK + 150);
    same(log.read(BLOCK + 100, BLOCK + 150), counting(7, 50));
    expect(log.allocated).toBe(BLOCK);
  });
});
