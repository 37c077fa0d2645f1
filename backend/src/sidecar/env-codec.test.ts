import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEnv, encodeEnv, escapeForPrintf, unescapePrintf } from './env-codec.js';

// Any text an environment can carry: every code point except NUL.
const value = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0'));
const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);

/** Shells that decode CDEBUG_ENV the way the entry script does (`printf '%bx'`). */
function shells(): Array<[string, string[]]> {
  const found: Array<[string, string[]]> = [];
  const has = (cmd: string, args: string[]) => {
    try {
      execFileSync(cmd, [...args, 'true'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has('/bin/sh', ['-c'])) found.push(['/bin/sh', ['-c']]);
  if (has('dash', ['-c'])) found.push(['dash', ['-c']]);
  if (has('busybox', ['sh', '-c'])) found.push(['busybox sh', ['sh', '-c']]);
  return found;
}

/**
 * Decodes each encoded entry with the shell's own printf, exactly as entry.sh does
 * (`entry=$(printf '%bx' "$entry"); "${entry%x}"`), and returns the bytes, NUL-separated.
 */
function shellDecode(shell: string, args: string[], encoded: string[]): Buffer[] {
  const cmd = shell === 'busybox sh' ? 'busybox' : shell;
  const script = 'for e do entry=$(printf "%bx" "$e"); printf "%s" "${entry%x}"; printf "\\000"; done';
  const out = execFileSync(cmd, [...args, script, 'decode', ...encoded], { env: { LC_ALL: 'C' } });
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 0) {
      parts.push(out.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
}

describe('escapeForPrintf', () => {
  it('keeps plain characters and writes every other byte as \\0ooo', () => {
    expect(escapeForPrintf('PATH=/usr/bin:/bin')).toBe('PATH=/usr/bin:/bin');
    expect(escapeForPrintf('a b')).toBe('a\\0040b');
    expect(escapeForPrintf('\\')).toBe('\\0134');
    expect(escapeForPrintf('\n')).toBe('\\0012');
    expect(escapeForPrintf('é')).toBe('\\0303\\0251');
    expect(escapeForPrintf('$\'"`')).toBe('\\0044\\0047\\0042\\0140');
  });

  it('never writes a byte that a shell or `read` would treat specially', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(escapeForPrintf(v)).toMatch(/^[A-Za-z0-9_=.,:/@%+\\-]*$/);
      }),
    );
  });
});

describe('env codec round trip', () => {
  it('decodes what it encodes, for any values (unicode, newlines, backslashes, "=")', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 8 }), (entries) => {
        expect(decodeEnv(encodeEnv(entries))).toEqual(entries);
      }),
    );
  });

  it('unescapePrintf inverts escapeForPrintf', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(unescapePrintf(escapeForPrintf(v))).toBe(v);
      }),
    );
  });

  it('keeps one entry a line, so the script can read it with `read -r`', () => {
    const encoded = encodeEnv([
      ['A', 'l1\nl2'],
      ['B', ''],
      ['C', 'x=y'],
    ]);
    expect(encoded.split('\n')).toHaveLength(3);
    expect(decodeEnv(encoded)).toEqual([
      ['A', 'l1\nl2'],
      ['B', ''],
      ['C', 'x=y'],
    ]);
  });
});

describe.each(shells())("the encoding survives %s's printf %%b", (shell, args) => {
  it('decodes awkward values byte for byte', () => {
    const values = [
      'a b',
      '$HOME',
      '"',
      "'",
      'l1\nl2',
      'back\\slash',
      '\\0101',
      '\\n',
      '\\c stop?',
      '%s %d %%',
      'é ✓ 日本語 🚀',
      '\x01\x7f\xff',
      '-n',
      '-e',
      '',
    ];
    const decoded = shellDecode(
      shell,
      args,
      values.map((v) => escapeForPrintf(`K=${v}`)),
    );
    expect(decoded.map((b) => b.toString('utf8'))).toEqual(values.map((v) => `K=${v}`));
  });

  it('decodes arbitrary values byte for byte (property)', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 20 }), (vs) => {
        const decoded = shellDecode(shell, args, vs.map(escapeForPrintf));
        expect(decoded).toEqual(vs.map((v) => Buffer.from(v, 'utf8')));
      }),
      { numRuns: 25 },
    );
  });
});
