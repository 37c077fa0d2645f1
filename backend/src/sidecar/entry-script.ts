// The sidecar's entry script, kept as real shell files (entry.sh and the parts it includes,
// beside this module) so that they read, lint and test as shell; the build copies them next to
// the compiled code. An include is the line `# @include shell-choice.sh` of entry.sh.

import { readFileSync } from 'node:fs';

/** how the shell to start is chosen (--shell): shell-choice.sh, tested on its own too */
export const SHELL_CHOICE_SCRIPT: string = readFileSync(new URL('./shell-choice.sh', import.meta.url), 'utf8');

export const ENTRY_SCRIPT: string = readFileSync(new URL('./entry.sh', import.meta.url), 'utf8').replace(
  /^# @include shell-choice\.sh\n/m,
  () => SHELL_CHOICE_SCRIPT,
);
