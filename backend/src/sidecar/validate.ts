// Checks on what the user asks the sidecar to run: the user switch, the environment and the
// command. Pure; each failure is a coded error value that names the field and what to do.
// `cdebug exec` and the service both run them, with the contract's limits (contract/limits.ts),
// so that what one refuses the other refuses too.

import {
  CMD_ARG_MAX_LENGTH,
  CMD_MAX_ARGS,
  CMD_MAX_BYTES,
  ENV_MAX_BYTES,
  ENV_MAX_ENTRIES,
  ENV_VALUE_MAX_LENGTH,
  fail,
  isShellChoice,
  ok,
  type Result,
  type ShellChoice,
  USER_SPEC_MAX_LENGTH,
} from '../contract/index.js';

const NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;
const NUMERIC = /^[0-9]{1,10}$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const LIMITS = {
  cmdArgs: CMD_MAX_ARGS,
  cmdArgLength: CMD_ARG_MAX_LENGTH,
  cmdBytes: CMD_MAX_BYTES,
  envEntries: ENV_MAX_ENTRIES,
  envValueLength: ENV_VALUE_MAX_LENGTH,
  envBytes: ENV_MAX_BYTES,
  userLength: USER_SPEC_MAX_LENGTH,
} as const;

/** Longer than `max` characters, counted as JSON Schema counts them (code points, as the service's schema does). */
function longerThan(text: string, max: number): boolean {
  // a string of at most `max` UTF-16 units has at most `max` code points: count only past that
  return text.length > max && [...text].length > max;
}

function validId(part: string): boolean {
  return (NUMERIC.test(part) && Number(part) <= 0xfffffffe) || NAME.test(part);
}

/** USER[:GROUP], each a name or a number, as `docker exec -u` takes it. */
export function parseUserSpec(spec: string): Result<string> {
  const [user, group, extra] = spec.split(':');
  if (longerThan(spec, LIMITS.userLength) || extra !== undefined || !user || !validId(user) || (group !== undefined && !validId(group))) {
    return fail('bad_request', `"${spec.slice(0, 64)}" is not a user: give USER[:GROUP], names or numbers, e.g. 65532:65532 or nobody.`);
  }
  return ok(spec);
}

export function checkEnv(env: Readonly<Record<string, string>>): Result<Record<string, string>> {
  const entries = Object.entries(env);
  if (entries.length > LIMITS.envEntries) return fail('bad_request', `At most ${LIMITS.envEntries} environment variables.`);
  let bytes = 0;
  for (const [k, v] of entries) {
    if (!ENV_KEY.test(k)) return fail('bad_request', `"${k.slice(0, 64)}" is not an environment variable name: use letters, digits and "_".`);
    if (typeof v !== 'string') return fail('bad_request', `The value of ${k} must be a string.`);
    if (v.includes('\0')) return fail('bad_request', `The value of ${k} contains a NUL byte, which no environment can carry.`);
    if (longerThan(v, LIMITS.envValueLength)) return fail('bad_request', `The value of ${k} is longer than ${LIMITS.envValueLength} characters.`);
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v) + 2;
  }
  if (bytes > LIMITS.envBytes) return fail('bad_request', `The environment is larger than ${LIMITS.envBytes / 1024} KiB.`);
  return ok({ ...env });
}

/** "K=V" strings as `-e` gives them; a bare K takes the value from `from` (like docker). */
export function envFromAssignments(assignments: readonly string[], from: NodeJS.ProcessEnv = {}): Result<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    if (eq < 0) {
      const inherited = from[key];
      if (inherited === undefined) continue;
      env[key] = inherited;
    } else {
      env[key] = a.slice(eq + 1);
    }
  }
  return checkEnv(env);
}

export function checkCommand(cmd: readonly string[]): Result<string[]> {
  if (cmd.length === 0) return fail('bad_request', 'The command is empty: leave it out to get a shell.');
  if (cmd.length > LIMITS.cmdArgs) return fail('bad_request', `At most ${LIMITS.cmdArgs} command arguments.`);
  let bytes = 0;
  for (const arg of cmd) {
    if (typeof arg !== 'string') return fail('bad_request', 'Every command argument must be a string.');
    if (arg.includes('\0')) return fail('bad_request', 'A command argument contains a NUL byte, which no program can receive.');
    if (longerThan(arg, LIMITS.cmdArgLength)) return fail('bad_request', `A command argument is longer than ${LIMITS.cmdArgLength} characters.`);
    bytes += Buffer.byteLength(arg) + 1;
  }
  if (cmd[0] === '') return fail('bad_request', 'The command name is empty.');
  if (bytes > LIMITS.cmdBytes) return fail('bad_request', `The command is larger than ${LIMITS.cmdBytes / 1024} KiB.`);
  return ok([...cmd]);
}

/** `--shell`: one of the choices, and only when no command is given (the shell is the command). */
export function checkShell(shell: string | undefined, cmd: readonly string[] | undefined): Result<ShellChoice | null> {
  if (shell === undefined) return ok(null);
  if (!isShellChoice(shell)) return fail('bad_request', `"${shell.slice(0, 64)}" is not a shell choice: give auto, sh, bash, zsh or fish.`);
  if (cmd && cmd.length > 0) return fail('bad_request', 'Give either a command or a shell (--shell), not both: the shell is the command.');
  return ok(shell);
}
