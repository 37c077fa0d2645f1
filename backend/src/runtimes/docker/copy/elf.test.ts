import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isStaticElf } from './elf.js';

/** a minimal 64-bit little-endian ELF header with the given program header types */
function elf(types: number[], bits: 32 | 64 = 64): Buffer {
  const is64 = bits === 64;
  const phoff = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const b = Buffer.alloc(phoff + phentsize * types.length);
  b.writeUInt32BE(0x7f454c46, 0);
  b[4] = is64 ? 2 : 1;
  b[5] = 1;
  if (is64) {
    b.writeBigUInt64LE(BigInt(phoff), 32);
    b.writeUInt16LE(phentsize, 54);
    b.writeUInt16LE(types.length, 56);
  } else {
    b.writeUInt32LE(phoff, 28);
    b.writeUInt16LE(phentsize, 42);
    b.writeUInt16LE(types.length, 44);
  }
  types.forEach((t, i) => b.writeUInt32LE(t, phoff + i * phentsize));
  return b;
}

describe('isStaticElf', () => {
  it('tells a program without a loader (no PT_INTERP) from one with', () => {
    expect(isStaticElf(elf([1, 1, 4]))).toBe(true);
    expect(isStaticElf(elf([6, 3, 1]))).toBe(false);
    expect(isStaticElf(elf([1], 32))).toBe(true);
    expect(isStaticElf(elf([3], 32))).toBe(false);
  });

  it('refuses what is not an ELF file, or is cut short', () => {
    expect(isStaticElf(Buffer.from('#!/bin/sh\necho hi\n'.padEnd(80)))).toBe(false);
    expect(isStaticElf(elf([1, 1]).subarray(0, 80))).toBe(false);
  });

  it('finds node (dynamically linked here) dynamic', () => {
    expect(isStaticElf(readFileSync(process.execPath))).toBe(false);
  });
});
