import { describe, expect, it } from 'vitest';
import { execSpec } from './exec/exec-spec.js';
import { type CommandSpec, flag, formatHelp, list, parseArgs, str } from './options.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseArgs(execSpec, argv, env);

function parsed(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const r = parse(argv, env);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(argv)} to parse: ${r.error.message}`);
  return r.value;
}

function refusal(argv: string[]): string {
  const r = parse(argv);
  expect(r.ok, JSON.stringify(argv)).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe('bad_request');
  expect(r.error.message).toMatch(/see `cdebug exec --help`/);
  return r.error.message;
}

describe('parseArgs (cdebug exec)', () => {
  it('takes separate and bundled short flags: -i -t, -it, -ti', () => {
    for (const argv of [
      ['-i', '-t', 'T'],
      ['-it', 'T'],
      ['-ti', 'T'],
    ]) {
      const p = parsed(argv);
      expect(p.values).toMatchObject({ interactive: true, tty: true });
      expect(p.positionals).toEqual(['T']);
    }
  });

  it('takes -u in every form: -u X, -uX, --user X, --user=X, and at the end of a bundle (-itu X)', () => {
    for (const argv of [
      ['-u', '65532:65532', 'T'],
      ['-u65532:65532', 'T'],
      ['--user', '65532:65532', 'T'],
      ['--user=65532:65532', 'T'],
      ['-itu', '65532:65532', 'T'],
    ]) {
      expect(str(parsed(argv).values.user), argv.join(' ')).toBe('65532:65532');
    }
    const bundled = parsed(['-itunobody', 'T']);
    expect(bundled.values).toMatchObject({ interactive: true, tty: true, user: 'nobody' });
  });

  it('reads -u=X as docker does: the "=" is not part of the value', () => {
    expect(str(parsed(['-u=65532', 'T']).values.user)).toBe('65532');
    expect(str(parsed(['-itu=nobody', 'T']).values.user)).toBe('nobody');
    expect(list(parsed(['-e=A=b', 'T']).values.env)).toEqual(['A=b']);
  });

  it('takes --image IMG and --image=IMG, keeping "=" inside the value', () => {
    expect(parsed(['--image', 'busybox:1.36', 'T']).values.image).toBe('busybox:1.36');
    expect(parsed(['--image=nixery.dev/shell/ps', 'T']).values.image).toBe('nixery.dev/shell/ps');
    expect(parsed(['-e', 'A=b=c', 'T']).values.env).toEqual(['A=b=c']);
    expect(parsed(['--env=A=b', 'T']).values.env).toEqual(['A=b']);
  });

  it('collects repeated -e in order', () => {
    expect(list(parsed(['-e', 'A=1', '--env', 'B=2', '-eC=3', 'T']).values.env)).toEqual(['A=1', 'B=2', 'C=3']);
  });

  it('leaves everything after TARGET to the command, flags included', () => {
    const p = parsed(['-i', 'T', 'ls', '-la', '--color', '-it', '-u', 'x', '--', '--image=y']);
    expect(p.values).toEqual({ interactive: true });
    expect(p.positionals).toEqual(['T', 'ls', '-la', '--color', '-it', '-u', 'x', '--', '--image=y']);
  });

  it('takes "--" as the end of the options', () => {
    const p = parsed(['-i', '--', '-weird-target', 'cmd']);
    expect(p.positionals).toEqual(['-weird-target', 'cmd']);
  });

  it('passes command arguments through as they are (spaces, quotes, newlines, empty)', () => {
    const args = ['a b', '$HOME', '"', "'", 'l1\nl2', '', '-'];
    expect(parsed(['T', 'printf', ...args]).positionals).toEqual(['T', 'printf', ...args]);
  });

  it('takes a lone "-" as a positional', () => {
    expect(parsed(['-']).positionals).toEqual(['-']);
  });

  it('names an unknown flag, long or short', () => {
    expect(refusal(['--bogus', 'T'])).toMatch(/unknown flag --bogus/);
    expect(refusal(['--bogus=1', 'T'])).toMatch(/unknown flag --bogus\b/);
    expect(refusal(['-x', 'T'])).toMatch(/unknown flag -x/);
    expect(refusal(['-ix', 'T'])).toMatch(/unknown flag -x/);
  });

  it('asks for the value a flag needs, and refuses one for a flag that takes none', () => {
    expect(refusal(['--image'])).toMatch(/--image needs a value: --image IMAGE/);
    expect(refusal(['-u'])).toMatch(/-u needs a value: -u USER\[:GROUP\]/);
    expect(refusal(['-e'])).toMatch(/-e needs a value/);
    expect(refusal(['--tty=true', 'T'])).toMatch(/--tty takes no value/);
  });

  it('takes the image from CDEBUG_IMAGE when --image is absent; the flag wins', () => {
    expect(parsed(['T'], { CDEBUG_IMAGE: 'nixery.dev/shell' }).values.image).toBe('nixery.dev/shell');
    expect(parsed(['--image', 'busybox', 'T'], { CDEBUG_IMAGE: 'nixery.dev/shell' }).values.image).toBe('busybox');
    expect(parsed(['T'], { CDEBUG_IMAGE: '' }).values.image).toBeUndefined();
  });

  it('reads boolean flags from the environment as 1 or true', () => {
    const spec: CommandSpec = {
      name: 'x',
      usage: 'x',
      summary: 'x',
      options: [{ name: 'verbose', env: 'X_VERBOSE', description: 'v' }],
    };
    expect(parseArgs(spec, [], { X_VERBOSE: '1' })).toMatchObject({ ok: true, value: { values: { verbose: true } } });
    expect(parseArgs(spec, [], { X_VERBOSE: 'true' })).toMatchObject({ ok: true, value: { values: { verbose: true } } });
    expect(parseArgs(spec, [], { X_VERBOSE: '0' })).toMatchObject({ ok: true, value: { values: { verbose: false } } });
  });

  it('without positionalsStopAt, reads options after positionals too', () => {
    const spec: CommandSpec = { name: 'y', usage: 'y', summary: 'y', options: [{ name: 'port', value: 'N', description: 'p' }] };
    expect(parseArgs(spec, ['a', '--port', '1', 'b'])).toMatchObject({ ok: true, value: { values: { port: '1' }, positionals: ['a', 'b'] } });
  });
});

describe('formatHelp', () => {
  const help = formatHelp(execSpec);

  it('starts with the usage line and the summary', () => {
    expect(help.startsWith('Usage: cdebug exec [OPTIONS] TARGET [COMMAND [ARG...]]\n\n')).toBe(true);
    expect(help).toContain('Exit status');
  });

  it('lists every option with its short form, value and environment variable, aligned', () => {
    const rows = help.split('\n').filter((l) => /^ {2}(-\w, | {4})--/.test(l));
    expect(rows).toHaveLength(execSpec.options.length);
    expect(help).toMatch(/^ {2}-i, --interactive\s+Keep STDIN open/m);
    expect(help).toMatch(/^ {2}-t, --tty\s+/m);
    expect(help).toMatch(/^ {6}--image IMAGE\s+.*\(env CDEBUG_IMAGE\)$/m);
    expect(help).toMatch(/^ {2}-u, --user USER\[:GROUP\]\s+/m);
    expect(help).toMatch(/^ {6}--privileged\s+/m);
    expect(help).toMatch(/^ {2}-e, --env KEY=VALUE\s+/m);
    // every description starts in the same column
    const columns = new Set(rows.map((r) => /^ {2}.*?\S {2,}(?=\S)/.exec(r)?.[0].length));
    expect([...columns]).toHaveLength(1);
    expect([...columns][0]).toBeGreaterThan(10);
  });
});

describe('value helpers', () => {
  it('str, list and flag read only their own types', () => {
    expect(str('a')).toBe('a');
    expect(str(true)).toBeUndefined();
    expect(list(['a'])).toEqual(['a']);
    expect(list('a')).toEqual([]);
    expect(flag(true)).toBe(true);
    expect(flag('true')).toBe(false);
    expect(flag(undefined)).toBe(false);
  });
});
