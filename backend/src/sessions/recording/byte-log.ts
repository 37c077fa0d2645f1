// The bytes of a recording, copied into fixed blocks and addressed by position (bytes appended
// since the start, never reset): append at the end, drop from the front, read any kept range.
//
// Why copy rather than keep the chunks the engine's socket hands out: a kept chunk lives for
// thousands of chunks, so every one of them (its object and its own backing store) is promoted
// to the old generation and freed only by a full collection, which under a flood the service
// then runs again and again. Copied, a chunk dies young as it does without a recording, and a
// flood past the cap writes into the block it has just freed: in the steady state the hot path
// allocates nothing.

/** the size of a block: large enough that a typical chunk (4 KiB) rarely straddles two */
export const BLOCK = 64 * 1024;

export class ByteLog {
  /** blocks[0] holds the positions from first * BLOCK on; the last one is being filled */
  private readonly blocks: Uint8Array[] = [];
  private first = 0;
  /** the last block freed, for the next block needed (a flood past the cap frees and needs one in turn) */
  private spare: Uint8Array | null = null;
  private endAt = 0;
  private made = 0;

  /** the position after the last byte appended */
  get end(): number {
    return this.endAt;
  }

  /** what the blocks hold, kept bytes or not: the memory this log uses */
  get allocated(): number {
    return (this.blocks.length + (this.spare ? 1 : 0)) * BLOCK;
  }

  /** how many blocks it has allocated in all (a flood past the cap should add none) */
  get blocksMade(): number {
    return this.made;
  }

  append(bytes: Uint8Array): void {
    let from = 0;
    while (from < bytes.length) {
      const at = this.endAt % BLOCK;
      if (at === 0 || this.blocks.length === 0) {
        if (this.blocks.length === 0) this.first = Math.floor(this.endAt / BLOCK);
        this.blocks.push(this.spare ?? this.newBlock());
        this.spare = null;
      }
      const block = this.blocks[this.blocks.length - 1] as Uint8Array;
      const n = Math.min(BLOCK - at, bytes.length - from);
      // the whole chunk in one go in the common case: no view to allocate
      block.set(n === bytes.length ? bytes : bytes.subarray(from, from + n), at);
      from += n;
      this.endAt += n;
    }
  }

  private newBlock(): Uint8Array {
    this.made += 1;
    return new Uint8Array(BLOCK);
  }

  /** frees every block whose bytes all lie before `position` */
  dropBefore(position: number): void {
    const keepFrom = position >= this.endAt ? this.first + this.blocks.length : Math.floor(position / BLOCK);
    while (this.blocks.length > 0 && this.first < keepFrom) {
      this.spare = this.blocks.shift() as Uint8Array;
      this.first += 1;
    }
  }

  /** the spare block goes too: for a recording that is being trimmed, not written */
  releaseSpare(): void {
    this.spare = null;
  }

  /** the bytes from `from` to `to` (kept ones): a view when they lie in one block, else a copy */
  read(from: number, to: number): Uint8Array {
    if (to <= from) return new Uint8Array(0);
    if (from < this.first * BLOCK || to > this.endAt) throw new RangeError(`bytes ${from}-${to} are not kept`);
    const firstBlock = Math.floor(from / BLOCK);
    const lastBlock = Math.floor((to - 1) / BLOCK);
    if (firstBlock === lastBlock) {
      const at = from % BLOCK;
      return (this.blocks[firstBlock - this.first] as Uint8Array).subarray(at, at + (to - from));
    }
    const out = new Uint8Array(to - from);
    for (let b = firstBlock, pos = from; b <= lastBlock; b++) {
      const at = pos % BLOCK;
      const n = Math.min(BLOCK - at, to - pos);
      out.set((this.blocks[b - this.first] as Uint8Array).subarray(at, at + n), pos - from);
      pos += n;
    }
    return out;
  }
}
