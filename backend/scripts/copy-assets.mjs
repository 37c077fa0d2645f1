// tsc emits only JavaScript; the sidecar's entry script ships beside its module.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../dist/sidecar/', import.meta.url), { recursive: true });
copyFileSync(new URL('../src/sidecar/entry.sh', import.meta.url), new URL('../dist/sidecar/entry.sh', import.meta.url));
