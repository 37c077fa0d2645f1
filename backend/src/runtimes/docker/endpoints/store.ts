// The few file operations the context reader needs, behind an interface so that the reader is
// tested on plain objects (no disk), and the real ones on Node's synchronous fs: the store is a
// handful of small files read once per command.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StoreFiles {
  /** the file's text; null when it does not exist */
  readText(path: string): string | null;
  /** names in a folder; [] when it does not exist */
  list(dir: string): string[];
  exists(path: string): boolean;
}

const missing = (err: unknown): boolean => {
  const code = (err as { code?: unknown })?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

export const nodeFiles: StoreFiles = {
  readText(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir);
    } catch (err) {
      if (missing(err)) return [];
      throw err;
    }
  },
  exists: (path) => existsSync(path),
};

/** The docker CLI's configuration folder: $DOCKER_CONFIG, else ~/.docker. */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.DOCKER_CONFIG) return env.DOCKER_CONFIG;
  return join(env.HOME || homedir(), '.docker');
}

/** A store held as plain file contents (path → text): for tests, and for callers that have the files already. */
export function memoryFiles(tree: Readonly<Record<string, string>>): StoreFiles {
  return {
    readText: (path) => tree[path] ?? null,
    list: (dir) => [
      ...new Set(
        Object.keys(tree)
          .filter((p) => p.startsWith(`${dir}/`))
          .map((p) => p.slice(dir.length + 1).split('/')[0] as string),
      ),
    ],
    exists: (path) => Object.hasOwn(tree, path),
  };
}
