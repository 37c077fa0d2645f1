// A declarative option table, from which parsing and help are both derived. Pure.

import { fail, ok, type Result } from '../contract/index.js';

export interface OptionSpec {
  /** long name without dashes, e.g. "image" */
  name: string;
  short?: string;
  /** a value follows ("--image IMG"); otherwise a boolean flag */
  value?: string;
  /** may be given more than once (values collect into an array) */
  repeat?: boolean;
  /** environment variable that supplies the value when the flag is absent */
  env?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  options: readonly OptionSpec[];
  /** stop reading options at the first positional argument (after TARGET, all is the command) */
  positionalsStopAt?: number;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface Parsed {
  values: OptionValues;
  positionals: string[];
}

export function parseArgs(spec: CommandSpec, argv: readonly string[], env: NodeJS.ProcessEnv = {}): Result<Parsed> {
  const values: OptionValues = {};
  const positionals: string[] = [];
  const byLong = new Map(spec.options.map((o) => [o.name, o]));
  const byShort = new Map(spec.options.filter((o) => o.short).map((o) => [o.short as string, o]));
  const set = (opt: OptionSpec, value: string | boolean) => {
    if (opt.repeat) values[opt.name] = [...((values[opt.name] as string[] | undefined) ?? []), String(value)];
    else values[opt.name] = value;
  };
  const bad = (message: string) => fail<Parsed>('bad_request', `${message} (see \`cdebug ${spec.name} --help\`)`);

  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (spec.positionalsStopAt !== undefined && positionals.length >= spec.positionalsStopAt) break;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const opt = byLong.get(name);
      if (!opt) return bad(`unknown flag --${name}`);
      if (opt.value) {
        const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined) return bad(`--${name} needs a value: --${name} ${opt.value}`);
        set(opt, value);
      } else {
        if (eq >= 0) return bad(`--${name} takes no value`);
        set(opt, true);
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // bundled short flags, as in -it; a value-taking one ends the bundle (-uroot, -u root, or
      // -u=root as docker's parser reads it)
      for (let j = 1; j < arg.length; j++) {
        const opt = byShort.get(arg[j] as string);
        if (!opt) return bad(`unknown flag -${arg[j]}`);
        if (opt.value) {
          const value = j + 1 < arg.length ? arg.slice(arg[j + 1] === '=' ? j + 2 : j + 1) : argv[++i];
          if (value === undefined) return bad(`-${opt.short} needs a value: -${opt.short} ${opt.value}`);
          set(opt, value);
          break;
        }
        set(opt, true);
      }
      continue;
    }
    positionals.push(arg);
  }
  positionals.push(...argv.slice(i));

  for (const opt of spec.options) {
    if (values[opt.name] === undefined && opt.env && env[opt.env] !== undefined && env[opt.env] !== '') {
      values[opt.name] = opt.value ? env[opt.env] : env[opt.env] === '1' || env[opt.env] === 'true';
    }
  }
  return ok({ values, positionals });
}

export function formatHelp(spec: CommandSpec): string {
  const rows = spec.options.map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`;
    const env = o.env ? ` (env ${o.env})` : '';
    return [flag, `${o.description}${env}`] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length), 10) + 2;
  const lines = rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`);
  return [`Usage: ${spec.usage}`, '', spec.summary, '', 'Options:', ...lines, ''].join('\n');
}

export const str = (v: OptionValues[string]): string | undefined => (typeof v === 'string' ? v : undefined);
export const list = (v: OptionValues[string]): string[] => (Array.isArray(v) ? v : []);
export const flag = (v: OptionValues[string]): boolean => v === true;
