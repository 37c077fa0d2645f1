// Whether a program runs without a loader: an ELF executable with no PT_INTERP program header is
// statically linked, and so runs in any filesystem (a copy of a scratch image has no libc). Pure.

const PT_INTERP = 3;

export function isStaticElf(file: Buffer): boolean {
  if (file.length < 64 || file.readUInt32BE(0) !== 0x7f454c46) return false;
  const is64 = file[4] === 2;
  const little = file[5] === 1;
  const u16 = (at: number) => (little ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const u32 = (at: number) => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const phoff = is64 ? Number(little ? file.readBigUInt64LE(32) : file.readBigUInt64BE(32)) : u32(28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  if (phentsize === 0 || phoff + phentsize * phnum > file.length) return false;
  for (let i = 0; i < phnum; i++) {
    if (u32(phoff + i * phentsize) === PT_INTERP) return false;
  }
  return true;
}
