// The `cdebug` entry: global flags, then one subcommand. Subcommands load their heavy parts
// lazily, so that `cdebug --help` answers at once.

import { readFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { CdebugError } from '../contract/index.js';
import type { Command, Io } from './command.js';
import { contextsCommand } from './contexts/contexts.js';
import { execCommand } from './exec/exec.js';
import { EXIT } from './exit-codes.js';
import { splitGlobalOptions, takesEngineFlags } from './global-options.js';
import { parseArgs } from './options.js';
import { portForwardCommand } from './port-forward/port-forward.js';
import { reportError } from './report.js';
import { serveCommand } from './serve/serve.js';
import { attachCommand } from './service/attach.js';
import { killCommand } from './service/kill.js';
import { psCommand } from './service/ps.js';
import { cpCommand } from './cp/cp.js';

const COMMANDS: Record<string, Command> = {
  exec: execCommand,
  serve: serveCommand,
  contexts: contextsCommand,
  ps: psCommand,
  attach: attachCommand,
  kill: killCommand,
  cp: cpCommand,
  'port-forward': portForwardCommand,
};

/** what to give a command that takes no engine flags before it, instead */
const ENGINES_INSTEAD: Record<string, string> = {
  // serve's own --host is the address it listens on, and its --context adds an engine
  serve: '`cdebug serve` is given its engines after the command: --engine NAME=URL or --context NAME (see `cdebug serve --help`)',
  contexts: '`cdebug contexts` lists every context and asks each engine itself',
  attach: '`cdebug attach` reaches a session through the service (--server), not an engine',
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function mainHelp(): string {
  const rows = Object.values(COMMANDS).map((c) => `  ${c.spec.name.padEnd(14)}${c.spec.summary.split('\n')[0]}`);
  return [
    'Usage: cdebug [-c NAME | -H URL] COMMAND [OPTIONS]',
    '',
    'A shell with real tools inside containers that have none (scratch, distroless, slim).',
    '',
    'Commands:',
    ...rows,
    '',
    'Options:',
    '  -c, --context NAME  Docker context whose engine `exec` uses (as `cdebug exec --context`)',
    '  -H, --host URL      Engine `exec` uses (as `cdebug exec --host`)',
    '  -h, --help          Show this help (`cdebug COMMAND --help` for a command)',
    '  -v, --version       Print the version',
    '',
    'Examples:',
    '  cdebug exec -it my-distroless                   a busybox shell in the container',
    '  cdebug exec -it crashed-app                     exited or crash-looping: a shell in a copy of it',
    '  cdebug exec -it --image nixery.dev/shell/ps my-app',
    '  cdebug exec my-app cat /etc/os-release',
    '  cdebug exec --context podman my-app             on the engine of a Docker context',
    '  cdebug contexts                                 the Docker contexts, and which engines answer',
    '  cdebug port-forward my-app -L 8080:80           http://127.0.0.1:8080 reaches port 80 inside',
    '  cdebug serve                                    the web UI on http://127.0.0.1:7681',
    "  cdebug ps                                       live sessions: the service's and the engine's sidecars",
    '  cdebug attach SESSION                           this terminal on a session opened in the UI',
    '  cdebug cp my-distroless:/etc/app.conf .         a file out of a container without tar',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  const split = splitGlobalOptions(argv);
  if (!split.ok) return reportError(io, new CdebugError(split.error.code, split.error.message));
  const { globals, command: first, rest } = split.value;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(mainHelp());
    return first === undefined ? EXIT.cdebug : EXIT.ok;
  }
  if (first === '-v' || first === '--version' || first === 'version') {
    io.stdout.write(`cdebug ${version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[first];
  if (!command) {
    return reportError(io, new CdebugError('bad_request', `unknown command "${first}": see \`cdebug --help\``));
  }
  if (globals.length > 0 && !takesEngineFlags(command.spec)) {
    const given = [...new Set(globals.map((g) => g.slice(0, g.indexOf('='))))];
    const what = `${given.join(' and ')} before the command ${given.length > 1 ? 'choose' : 'chooses'} the engine of \`cdebug exec\``;
    return reportError(io, new CdebugError('bad_request', `${what}; ${ENGINES_INSTEAD[first] ?? `\`cdebug ${first}\` uses no engine`}`));
  }
  const parsed = parseArgs(command.spec, [...globals, ...rest], io.env);
  if (!parsed.ok) return reportError(io, new CdebugError(parsed.error.code, parsed.error.message));
  return command.run(parsed.value, io);
}

function defaultIo(): Io {
  return {
    // process.stdin builds its stream (and loads Node's file streams) when first read: only a
    // command that reads its input pays for that
    get stdin() {
      return process.stdin;
    },
    stdinIsTTY: isatty(0),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
}
