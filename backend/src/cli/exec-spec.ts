// `cdebug exec`: the option table and the pure step from parsed flags to an engine request.

import { CdebugError, type Result, fail, ok } from '../contract/index.js';
import type { EndpointSelection } from '../runtimes/docker/endpoints/resolve.js';
import type { SidecarRequest } from '../runtimes/port.js';
import { checkShell, envFromAssignments } from '../sidecar/validate.js';
import { engineOptions, engineSelection } from './engine-flags.js';
import { type CommandSpec, type Parsed, flag, list, str } from './options.js';

export const execSpec: CommandSpec = {
  name: 'exec',
  usage: 'cdebug exec [OPTIONS] TARGET [COMMAND [ARG...]]',
  summary: [
    "Run a command (a shell by default) inside a running container, with a toolkit's tools on",
    'PATH, even when the container has no shell. The container is not restarted or changed.',
    "Exit status: the command's own; 125 when cdebug itself fails.",
  ].join('\n'),
  positionalsStopAt: 1,
  options: [
    { name: 'interactive', short: 'i', description: 'Keep STDIN open and send it to the command' },
    { name: 'tty', short: 't', description: 'Allocate a pseudo-TTY (needs a terminal on STDIN)' },
    { name: 'image', value: 'IMAGE', env: 'CDEBUG_IMAGE', description: 'Toolkit image (default busybox:latest)' },
    { name: 'user', short: 'u', value: 'USER[:GROUP]', description: 'Run the command as this user (default root)' },
    { name: 'privileged', description: 'Give the sidecar extended privileges' },
    {
      name: 'shell',
      value: 'auto|sh|bash|zsh|fish',
      description:
        "With no COMMAND: the shell to start. auto: the target user's login shell if the target has it, else the best found in the target or the toolkit (default: sh)",
    },
    { name: 'env', short: 'e', value: 'KEY=VALUE', repeat: true, description: 'Set an environment variable (repeatable)' },
    ...engineOptions,
    { name: 'help', short: 'h', description: 'Show this help' },
  ],
};

export interface ExecPlan {
  request: SidecarRequest;
  interactive: boolean;
  tty: boolean;
  /** --host/--context; empty: the environment's engine */
  endpoint: EndpointSelection;
}

export function planExec(parsed: Parsed, env: NodeJS.ProcessEnv, stdinIsTty: boolean): Result<ExecPlan> {
  const { values, positionals } = parsed;
  const [target, ...cmd] = positionals;
  if (!target) return fail('bad_request', 'Name the container to debug: cdebug exec [OPTIONS] TARGET [COMMAND]');
  const tty = flag(values.tty);
  const interactive = flag(values.interactive);
  if (tty && !stdinIsTty) {
    return fail('bad_request', 'The input device is not a TTY: run -t from a terminal, or leave -t out when piping.');
  }
  const envResult = envFromAssignments(list(values.env), env);
  if (!envResult.ok) return envResult;
  const endpoint = engineSelection(values);
  if (!endpoint.ok) return endpoint;
  const shell = checkShell(str(values.shell), cmd);
  if (!shell.ok) return shell;
  return ok({
    interactive,
    tty,
    endpoint: endpoint.value,
    request: {
      target,
      image: str(values.image),
      cmd,
      shell: shell.value ?? undefined,
      user: str(values.user),
      privileged: flag(values.privileged),
      env: envResult.value,
      tty,
      stdin: interactive,
      stdinOnce: interactive,
      term: tty ? env.TERM || 'xterm' : null,
    },
  });
}

export function usageError(message: string): CdebugError {
  return new CdebugError('bad_request', message);
}
