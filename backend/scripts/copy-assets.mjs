// tsc emits only JavaScript; the sidecar's entry script (and the parts it includes) ships beside its module.
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('../dist/sidecar/', import.meta.url), { recursive: true });
for (const file of ['entry.sh', 'shell-choice.sh']) {
  copyFileSync(new URL(`../src/sidecar/${file}`, import.meta.url), new URL(`../dist/sidecar/${file}`, import.meta.url));
}
