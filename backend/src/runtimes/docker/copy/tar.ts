// The little of tar that the copy needs, pure: the first regular file of an archive the engine
// hands out (GET /containers/{id}/archive of one file), and an archive of one directory with one
// executable in it, to hand back (PUT). ustar headers only: the engines write them for a plain
// file, and a pax header before it (long names, big sizes) is skipped.

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('latin1');
}

function octal(header: Buffer, start: number, length: number): number {
  const text = field(header, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** the contents of the first regular file in `archive`, or null when it has none */
export function firstFileOf(archive: Buffer): Buffer | null {
  let at = 0;
  while (at + BLOCK <= archive.length) {
    const header = archive.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) return null;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const start = at + BLOCK;
    if (type === '0' || type === '\0') {
      if (start + size > archive.length) return null;
      return archive.subarray(start, start + size);
    }
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return null;
}

function header(name: string, mode: number, size: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const put = (text: string, start: number) => h.write(text, start, 'latin1');
  const num = (value: number, start: number, length: number) => put(`${value.toString(8).padStart(length - 1, '0')}\0`, start);
  put(name, 0);
  num(mode, 100, 8);
  num(0, 108, 8);
  num(0, 116, 8);
  num(size, 124, 12);
  num(0, 136, 12);
  put('        ', 148);
  put(type, 156);
  put('ustar\0', 257);
  put('00', 263);
  put('root', 265);
  put('root', 297);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** a tar of `dir/` (0755) holding `dir/name` (0755, root's) with `contents` */
export function archiveOf(dir: string, name: string, contents: Buffer): Buffer {
  const padding = Buffer.alloc((BLOCK - (contents.length % BLOCK)) % BLOCK, 0);
  return Buffer.concat([
    header(`${dir}/`, 0o755, 0, '5'),
    header(`${dir}/${name}`, 0o755, contents.length, '0'),
    contents,
    padding,
    Buffer.alloc(BLOCK * 2, 0),
  ]);
}
