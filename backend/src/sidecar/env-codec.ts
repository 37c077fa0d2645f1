// The command's environment travels to the entry script in one variable, CDEBUG_ENV: one
// K=V a line, every byte outside a plain set written as \0ooo, which the script turns back
// into bytes with `printf %b`. Newlines and any other byte survive; nothing is ever parsed
// as shell text.

const PLAIN = /^[A-Za-z0-9_=.,:/@%+-]$/;

export function escapeForPrintf(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && PLAIN.test(ch) ? ch : `\\0${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
}

/** Inverse of escapeForPrintf, as `printf %b` does it (for tests and for reading specs back). */
export function unescapePrintf(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const m = /^\\0([0-7]{3})/.exec(encoded.slice(i, i + 5));
    if (m?.[1]) {
      bytes.push(parseInt(m[1], 8));
      i += 4;
    } else {
      bytes.push(encoded.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function encodeEnv(entries: ReadonlyArray<readonly [string, string]>): string {
  return entries.map(([k, v]) => escapeForPrintf(`${k}=${v}`)).join('\n');
}

export function decodeEnv(encoded: string): Array<[string, string]> {
  return encoded
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const entry = unescapePrintf(line);
      const eq = entry.indexOf('=');
      return [entry.slice(0, eq), entry.slice(eq + 1)];
    });
}
