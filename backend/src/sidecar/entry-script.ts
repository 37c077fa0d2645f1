// The sidecar's entry script, kept as a real shell file (entry.sh beside this module) so that
// it reads, lints and tests as shell; the build copies it next to the compiled code.

import { readFileSync } from 'node:fs';

export const ENTRY_SCRIPT: string = readFileSync(new URL('./entry.sh', import.meta.url), 'utf8');
