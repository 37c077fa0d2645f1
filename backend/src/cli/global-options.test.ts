import { describe, expect, it } from 'vitest';
import { engineOptions } from './engine-flags.js';
import { splitGlobalOptions, takesEngineFlags } from './global-options.js';
import type { CommandSpec } from './options.js';
import { matching } from '../../test/helpers/matchers.js';

const split = (argv: string[]) => {
  const r = splitGlobalOptions(argv);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('splitGlobalOptions', () => {
  it('leaves a command line without engine flags before the command as it is', () => {
    expect(split(['exec', '-it', 'web', 'sh'])).toEqual({ globals: [], command: 'exec', rest: ['-it', 'web', 'sh'] });
    expect(split([])).toEqual({ globals: [], command: undefined, rest: [] });
    expect(split(['--help'])).toEqual({ globals: [], command: '--help', rest: [] });
  });

  it('takes each spelling docker takes, and hands them on as --name=value', () => {
    expect(split(['--context', 'remote', 'exec', 'web']).globals).toEqual(['--context=remote']);
    expect(split(['--context=remote', 'exec', 'web']).globals).toEqual(['--context=remote']);
    expect(split(['-c', 'remote', 'exec', 'web']).globals).toEqual(['--context=remote']);
    expect(split(['-cremote', 'exec', 'web']).globals).toEqual(['--context=remote']);
    expect(split(['-c=remote', 'exec', 'web']).globals).toEqual(['--context=remote']);
    expect(split(['-H', 'tcp://h:2376', 'exec', 'web']).globals).toEqual(['--host=tcp://h:2376']);
    expect(split(['--host=unix:///a=b.sock', 'exec']).globals).toEqual(['--host=unix:///a=b.sock']);
    expect(split(['-Hunix:///x.sock', '-c', 'x', 'exec'])).toEqual({ globals: ['--host=unix:///x.sock', '--context=x'], command: 'exec', rest: [] });
  });

  it("reads only up to the command: the same flags after it are the command's", () => {
    expect(split(['-c', 'a', 'exec', '-c', 'b', 'web'])).toEqual({ globals: ['--context=a'], command: 'exec', rest: ['-c', 'b', 'web'] });
  });

  it('takes the next argument as the value, whatever it looks like', () => {
    expect(split(['--context', 'exec', 'exec', 'web']).globals).toEqual(['--context=exec']);
    expect(split(['-c', '-x', 'exec']).globals).toEqual(['--context=-x']);
  });

  it('asks for a value that is missing or empty (an empty one would quietly mean the default socket)', () => {
    const cases: Array<[string[], string]> = [
      [['--context'], '--context'],
      [['-c'], '-c'],
      [['--host'], '--host'],
      [['-H'], '-H'],
      [['--host=', 'exec'], '--host'],
      [['--context', '', 'exec'], '--context'],
      [['-c=', 'exec'], '-c'],
    ];
    for (const [argv, flag] of cases) {
      const r = splitGlobalOptions(argv);
      expect(r.ok, argv.join(' ')).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'bad_request', message: matching(new RegExp(`^${flag} needs a value`)) });
    }
  });
});

describe('takesEngineFlags', () => {
  const spec = (options: CommandSpec['options']): CommandSpec => ({ name: 'x', usage: '', summary: '', options });
  it('is true only for a command that declares both engine flags as its own', () => {
    expect(takesEngineFlags(spec([...engineOptions]))).toBe(true);
    expect(takesEngineFlags(spec([{ name: 'host', value: 'H', description: 'listen address' }]))).toBe(false);
    expect(takesEngineFlags(spec([]))).toBe(false);
  });
});
