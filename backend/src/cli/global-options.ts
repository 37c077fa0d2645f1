// The docker CLI's engine flags in the place docker takes them, before the command
// (`cdebug --context remote exec web sh`, as `docker --context remote exec ...`), handed to the
// command as if given after it. Only a command that reads them itself takes them (`exec`):
// `serve` has a --host of its own (the address it listens on) and a --context that adds an
// engine, so passing them on there would mean something else than they say. Pure.

import { fail, ok, type Result } from '../contract/index.js';
import type { CommandSpec } from './options.js';
import { engineOptions } from './engine-flags.js';

export interface GlobalSplit {
  /** the engine flags given before the command, each as one `--name=value` argument */
  globals: string[];
  /** the first argument that is not one of them */
  command: string | undefined;
  rest: string[];
}

export function splitGlobalOptions(argv: readonly string[]): Result<GlobalSplit> {
  const globals: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] as string;
    const match = matchEngineFlag(arg);
    if (!match) break;
    let value = match.value;
    if (value === undefined) {
      value = argv[i + 1];
      i++;
    }
    // empty too: it would quietly mean the default socket, not "as if not given"
    if (value === undefined || value === '') {
      const flag = arg.startsWith('--') ? `--${match.name}` : `-${arg[1]}`;
      return fail('bad_request', `${flag} needs a value: ${flag} ${match.valueName} (see \`cdebug --help\`)`);
    }
    globals.push(`--${match.name}=${value}`);
    i++;
  }
  return ok({ globals, command: argv[i], rest: argv.slice(i + 1) });
}

/** whether a command reads --host and --context as the engine to use */
export function takesEngineFlags(spec: CommandSpec): boolean {
  return engineOptions.every((o) => spec.options.includes(o));
}

function matchEngineFlag(arg: string): { name: string; valueName: string; value: string | undefined } | null {
  for (const opt of engineOptions) {
    const valueName = opt.value ?? '';
    if (arg === `--${opt.name}` || arg === `-${opt.short}`) return { name: opt.name, valueName, value: undefined };
    if (arg.startsWith(`--${opt.name}=`)) return { name: opt.name, valueName, value: arg.slice(opt.name.length + 3) };
    // -Hunix:///x, as the short form of any value-taking flag; -c=x as docker's parser reads it
    if (opt.short && arg.startsWith(`-${opt.short}`) && arg.length > 2) return { name: opt.name, valueName, value: arg.slice(arg[2] === '=' ? 3 : 2) };
  }
  return null;
}
