import { describe, expect, it } from 'vitest';
import { checkCommand, checkEnv, checkShell, envFromAssignments, LIMITS, parseUserSpec } from './validate.js';
import { matching } from '../../test/helpers/matchers.js';

/** ASCII pieces of at most `max` characters whose sizes, each plus `overhead` bytes, add up to `total` bytes */
function piecesOfBytes(total: number, max: number, overhead: number): string[] {
  const pieces: string[] = [];
  for (let left = total; left > 0;) {
    const n = Math.min(max, left - overhead);
    pieces.push('x'.repeat(n));
    left -= n + overhead;
  }
  return pieces;
}
const argsOfBytes = (total: number) => piecesOfBytes(total, LIMITS.cmdArgLength, 1);
/** names K0..K9 (2 bytes) plus "=" and NUL: 4 bytes besides each value */
const envOfBytes = (total: number) => Object.fromEntries(piecesOfBytes(total, LIMITS.envValueLength, 4).map((v, i) => [`K${i}`, v]));

describe('parseUserSpec', () => {
  it.each(['root', '0', '65532', '65532:65532', 'nonroot', 'nonroot:staff', 'nobody:65534', '0:0', 'www-data', 'a.b_c-d', '_svc', 'machine$', '4294967294'])(
    'takes %j',
    (spec) => {
      expect(parseUserSpec(spec)).toEqual({ ok: true, value: spec });
    },
  );

  it.each([
    '',
    ':',
    ':0',
    '0:',
    'a:b:c',
    'bad user',
    '-1',
    '1-',
    '4294967295',
    '99999999999',
    'x'.repeat(33),
    'ro ot',
    'root\n',
    'r$oot',
    '0;id',
    '$(id)',
    'é',
  ])('refuses %j as bad_request, naming what to give', (spec) => {
    const r = parseUserSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request');
      expect(r.error.message).toMatch(/USER\[:GROUP\]/);
    }
  });

  it(`takes up to ${LIMITS.userLength} characters, the service's limit`, () => {
    const longest = `${'a'.repeat(32)}:${'b'.repeat(32)}`;
    expect(longest).toHaveLength(LIMITS.userLength);
    expect(parseUserSpec(longest).ok).toBe(true);
    expect(parseUserSpec(`${'a'.repeat(31)}$:${'b'.repeat(32)}$`).ok).toBe(false);
  });

  it('shortens what it quotes back', () => {
    const r = parseUserSpec('x'.repeat(1000));
    expect(!r.ok && r.error.message.length).toBeLessThan(200);
  });
});

describe('checkEnv', () => {
  it('takes names of letters, digits and "_" not starting with a digit, and any value without NUL', () => {
    const env = { A: '', _B: 'x y', C1: 'l1\nl2', lower: 'é ✓', PATH: '/bin', EQ: 'a=b' };
    expect(checkEnv(env)).toEqual({ ok: true, value: env });
  });

  it.each(['1A', 'A-B', 'A B', '', 'A=B', 'É', 'A.B'])('refuses the name %j', (key) => {
    const r = checkEnv({ [key]: 'v' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses a NUL byte in a value', () => {
    const r = checkEnv({ A: 'x\0y' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/NUL/) } });
  });

  it('refuses a value that is not a string (from a JSON body)', () => {
    const r = checkEnv({ A: 5 } as unknown as Record<string, string>);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it(`takes up to ${LIMITS.envEntries} entries and ${LIMITS.envBytes / 1024} KiB, and no more`, () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`K${i}`, 'v']));
    expect(checkEnv(many(LIMITS.envEntries)).ok).toBe(true);
    expect(checkEnv(many(LIMITS.envEntries + 1)).ok).toBe(false);
    expect(checkEnv(envOfBytes(LIMITS.envBytes)).ok).toBe(true);
    expect(checkEnv(envOfBytes(LIMITS.envBytes + 1)).ok).toBe(false);
  });

  it(`takes values of up to ${LIMITS.envValueLength} characters, counted as code points like the service's schema`, () => {
    expect(checkEnv({ A: 'x'.repeat(LIMITS.envValueLength) }).ok).toBe(true);
    expect(checkEnv({ A: 'x'.repeat(LIMITS.envValueLength + 1) })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: matching(/A is longer/) },
    });
    expect(checkEnv({ A: '🐳'.repeat(LIMITS.envValueLength) }).ok).toBe(true);
    expect(checkEnv({ A: '🐳'.repeat(LIMITS.envValueLength + 1) }).ok).toBe(false);
  });

  it('counts the environment in bytes, as checkCommand counts the command', () => {
    // 3 bytes each in UTF-8: 50 000 of them are about 146 KiB
    expect(checkEnv({ A: '日'.repeat(50_000) }).ok).toBe(false);
  });
});

describe('envFromAssignments', () => {
  it('splits at the first "=" only', () => {
    expect(envFromAssignments(['A=b=c', 'E=', 'S= x '])).toEqual({ ok: true, value: { A: 'b=c', E: '', S: ' x ' } });
  });

  it('takes a bare NAME from the given environment, and skips it when unset there (like docker)', () => {
    expect(envFromAssignments(['HOME', 'MISSING', 'X=1'], { HOME: '/home/me' })).toEqual({ ok: true, value: { HOME: '/home/me', X: '1' } });
  });

  it('lets a later assignment win', () => {
    expect(envFromAssignments(['A=1', 'A=2'])).toEqual({ ok: true, value: { A: '2' } });
  });

  it('refuses bad names', () => {
    expect(envFromAssignments(['=x'])).toMatchObject({ ok: false });
    expect(envFromAssignments(['1A=x'])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('checkCommand', () => {
  it('takes any arguments as they are', () => {
    const cmd = ['printf', '[%s]', 'a b', '$HOME', '"', "'", 'l1\nl2', ''];
    expect(checkCommand(cmd)).toEqual({ ok: true, value: cmd });
  });

  it('refuses an empty command, an empty command name, a NUL byte and non-strings', () => {
    expect(checkCommand([])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(checkCommand(['', 'x'])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(checkCommand(['echo', 'a\0b'])).toMatchObject({ ok: false, error: { message: matching(/NUL/) } });
    expect(checkCommand(['echo', 5 as unknown as string])).toMatchObject({ ok: false });
  });

  it(`takes up to ${LIMITS.cmdArgs} arguments and ${LIMITS.cmdBytes / 1024} KiB, counted in bytes`, () => {
    expect(checkCommand(Array.from({ length: LIMITS.cmdArgs }, () => 'x')).ok).toBe(true);
    expect(checkCommand(Array.from({ length: LIMITS.cmdArgs + 1 }, () => 'x')).ok).toBe(false);
    expect(checkCommand(argsOfBytes(LIMITS.cmdBytes)).ok).toBe(true);
    expect(checkCommand(argsOfBytes(LIMITS.cmdBytes + 1)).ok).toBe(false);
    // 3 bytes each in UTF-8: characters are not bytes
    const third = '日'.repeat(Math.ceil(LIMITS.cmdArgLength / 3));
    expect(checkCommand(Array.from({ length: Math.ceil(LIMITS.cmdBytes / Buffer.byteLength(third)) }, () => third)).ok).toBe(false);
  });

  it(`takes arguments of up to ${LIMITS.cmdArgLength} characters, counted as code points like the service's schema`, () => {
    expect(checkCommand(['echo', 'x'.repeat(LIMITS.cmdArgLength)]).ok).toBe(true);
    expect(checkCommand(['echo', 'x'.repeat(LIMITS.cmdArgLength + 1)])).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: matching(/longer than/) },
    });
    expect(checkCommand(['echo', '🐳'.repeat(LIMITS.cmdArgLength)]).ok).toBe(true);
    expect(checkCommand(['echo', '🐳'.repeat(LIMITS.cmdArgLength + 1)]).ok).toBe(false);
  });
});

describe('checkShell', () => {
  it('takes the choices, and nothing when none is given', () => {
    for (const shell of ['auto', 'sh', 'bash', 'zsh', 'fish']) expect(checkShell(shell, [])).toEqual({ ok: true, value: shell });
    expect(checkShell(undefined, ['id'])).toEqual({ ok: true, value: null });
  });

  it('refuses another name, and a shell together with a command', () => {
    for (const shell of ['', 'ksh', 'bash ', '/bin/bash', 'Bash']) {
      expect(checkShell(shell, [])).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/auto, sh, bash, zsh or fish/) } });
    }
    expect(checkShell('bash', ['id'])).toMatchObject({ ok: false, error: { code: 'bad_request', message: matching(/not both/) } });
  });
});
