// `cdebug exec`: the option table and the pure step from parsed flags to an engine request.

import { CdebugError, PROFILE_DESCRIPTIONS, PROFILES, type Profile, type Result, fail, ok } from '../../contract/index.js';
import type { EndpointSelection } from '../../runtimes/docker/endpoints/resolve.js';
import type { SidecarRequest } from '../../runtimes/port.js';
import { checkShell, envFromAssignments } from '../../sidecar/validate.js';
import { engineOptions, engineSelection } from '../engine-flags.js';
import { type CommandSpec, type Parsed, flag, list, str } from '../options.js';

export const execSpec: CommandSpec = {
  name: 'exec',
  usage: 'cdebug exec [OPTIONS] TARGET [COMMAND [ARG...]]',
  summary: [
    "Run a command (a shell by default) inside a container, with a toolkit's tools on",
    'PATH, even when the container has no shell. The container is not restarted or changed.',
    'TARGET may also be a stopped, crashed or never started container, or an image: the command',
    'then runs in a copy of it (its files, environment and volumes, read-only), which goes away',
    "when the command ends; run 'entrypoint' there to see, and 'entrypoint --run' to run, what it runs.",
    "Exit status: the command's own; 125 when cdebug itself fails.",
    '',
    'containerd: --host containerd:///run/containerd/containerd.sock [--namespace NS] TARGET, where TARGET is',
    "a running container's id in that namespace (ctr -n NS containers ls); the toolkit image must be in the",
    'namespace already (ctr -n NS images pull IMAGE).',
    'Kubernetes nodes: with --host cri:///path/to/socket (a CRI runtime: containerd, CRI-O), TARGET is',
    'POD[/CONTAINER] in the namespace -n NAMESPACE (default: default), or a container id; the sidecar',
    "is created in the target's pod and shares its PID namespace, as an ephemeral container does.",
    '',
    "Profiles (--profile; the sidecar's privileges, as kubectl debug's):",
    ...PROFILES.map((p) => `  ${p.padEnd(11)}${PROFILE_DESCRIPTIONS[p]}`),
  ].join('\n'),
  positionalsStopAt: 1,
  options: [
    { name: 'interactive', short: 'i', description: 'Keep STDIN open and send it to the command' },
    { name: 'tty', short: 't', description: 'Allocate a pseudo-TTY (needs a terminal on STDIN)' },
    { name: 'image', value: 'IMAGE', env: 'CDEBUG_IMAGE', description: 'Toolkit image (default busybox:latest)' },
    { name: 'user', short: 'u', value: 'USER[:GROUP]', description: 'Run the command as this user (default root)' },
    { name: 'privileged', description: 'Give the sidecar extended privileges (the sysadmin profile)' },
    { name: 'profile', value: 'PROFILE', description: "The sidecar's privileges: general (default), baseline, restricted, netadmin, sysadmin (see below)" },
    { name: 'cap-add', value: 'CAP', repeat: true, description: "Add a Linux capability to the profile's (repeatable)" },
    { name: 'cap-drop', value: 'CAP', repeat: true, description: "Drop a Linux capability from the profile's (repeatable; ALL for every one)" },
    {
      name: 'shell',
      value: 'auto|sh|bash|zsh|fish',
      description:
        "With no COMMAND: the shell to start. auto: the target user's login shell if the target has it, else the best found in the target or the toolkit (default: sh)",
    },
    { name: 'env', short: 'e', value: 'KEY=VALUE', repeat: true, description: 'Set an environment variable (repeatable)' },
    { name: 'record', value: 'FILE', description: "Record the command's output (never its input) to FILE as asciicast v2" },
    { name: 'as-image', description: 'Read TARGET as an image even when a container has that name' },
    { name: 'keep', description: 'Keep the copy of a stopped container or image (stopped) and print its name' },
    { name: 'rw-volumes', description: "Mount the original's volumes and bind mounts writable in the copy" },
    ...engineOptions,
    {
      name: 'namespace',
      short: 'n',
      value: 'NS',
      description:
        "The namespace of TARGET: with --host containerd:///..., containerd's (default: default; k8s.io for Kubernetes', moby for Docker's); with --host cri:///..., the Kubernetes namespace of POD[/CONTAINER] (default: default)",
    },
    { name: 'help', short: 'h', description: 'Show this help' },
  ],
};

export interface ExecPlan {
  request: SidecarRequest;
  interactive: boolean;
  tty: boolean;
  /** --host/--context; empty: the environment's engine */
  endpoint: EndpointSelection;
  /** --namespace/-n: a containerd engine's namespace, or a cri:// engine's Kubernetes namespace */
  namespace?: string | undefined;
  /** --record: where the output is recorded */
  record: string | null;
}

export function planExec(parsed: Parsed, env: NodeJS.ProcessEnv, stdinIsTty: boolean): Result<ExecPlan> {
  const { values, positionals } = parsed;
  const [target, ...cmd] = positionals;
  if (!target) return fail('bad_request', 'Name the container (or image) to debug: cdebug exec [OPTIONS] TARGET [COMMAND]');
  const tty = flag(values.tty);
  const interactive = flag(values.interactive);
  if (tty && !stdinIsTty) {
    return fail('bad_request', 'The input device is not a TTY: run -t from a terminal, or leave -t out when piping.');
  }
  const envResult = envFromAssignments(list(values.env), env);
  if (!envResult.ok) return envResult;
  const endpoint = engineSelection(values);
  if (!endpoint.ok) return endpoint;
  const namespace = str(values.namespace);
  if (namespace === '')
    return fail('bad_request', '--namespace needs a value: -n NS (a containerd namespace, e.g. default or k8s.io; a Kubernetes namespace with cri://)');
  const record = str(values.record);
  if (record === '') return fail('bad_request', '--record needs a file name: --record FILE');
  const shell = checkShell(str(values.shell), cmd);
  if (!shell.ok) return shell;
  return ok({
    interactive,
    tty,
    record: record ?? null,
    endpoint: endpoint.value,
    ...(namespace !== undefined ? { namespace } : {}),
    request: {
      target,
      image: str(values.image),
      cmd,
      ...(shell.value ? { shell: shell.value } : {}),
      user: str(values.user),
      privileged: flag(values.privileged),
      // checked with the engine's request (sidecar/profiles.ts), as the service's are
      ...(values.profile !== undefined ? { profile: str(values.profile) as Profile } : {}),
      ...(values['cap-add'] !== undefined ? { capAdd: list(values['cap-add']) } : {}),
      ...(values['cap-drop'] !== undefined ? { capDrop: list(values['cap-drop']) } : {}),
      env: envResult.value,
      tty,
      stdin: interactive,
      stdinOnce: interactive,
      term: tty ? env.TERM || 'xterm' : null,
      asImage: flag(values['as-image']),
      rwVolumes: flag(values['rw-volumes']),
      keep: flag(values.keep),
    },
  });
}

export function usageError(message: string): CdebugError {
  return new CdebugError('bad_request', message);
}
