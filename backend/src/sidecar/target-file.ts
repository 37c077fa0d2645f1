// Reading one path of a target through its sidecar (the sidecar shares the target's PID
// namespace, so /proc/1/root is the target's root): a one-letter answer says what the path is,
// then the bytes follow, a file's as they are, a directory's as a tar. The path goes in as an
// argument, never into the script's text. Pure: the command and its answer's first byte.

/** the directory and the name tar is run with: `tar -C DIR NAME` */
export function splitPath(path: string): { dir: string; name: string } {
  if (path === '/') return { dir: '/', name: '.' };
  const slash = path.lastIndexOf('/');
  return { dir: slash <= 0 ? '/' : path.slice(0, slash), name: path.slice(slash + 1) };
}

/** what the first byte of the answer says: then a file's bytes, a directory's tar, or nothing */
export type TargetFileKind = 'file' | 'directory' | 'missing' | 'special';

const READ_SCRIPT = [
  'p=/proc/1/root$1',
  'if [ -d "$p" ]; then printf D; exec tar -cf - -C "/proc/1/root$2" "$3"',
  'elif [ -f "$p" ]; then printf F; exec cat "$p"',
  'elif [ -e "$p" ] || [ -L "$p" ]; then printf S',
  'else printf N; fi',
].join('\n');

/** the exec's command line for an absolute, normalised path */
export function readTargetFileCommand(path: string): string[] {
  const { dir, name } = splitPath(path);
  return ['sh', '-c', READ_SCRIPT, 'cdebug-read', path, dir === '/' ? '' : dir, name];
}

export function kindOfAnswer(first: number | undefined): TargetFileKind | null {
  switch (first === undefined ? '' : String.fromCharCode(first)) {
    case 'D':
      return 'directory';
    case 'F':
      return 'file';
    case 'S':
      return 'special';
    case 'N':
      return 'missing';
    default:
      return null;
  }
}

/** an absolute path without NUL, "." or ".." parts, trailing slashes dropped; null when it is not */
export function targetPath(raw: string): string | null {
  if (!raw.startsWith('/') || raw.includes('\0')) return null;
  const parts = raw.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '.' || p === '..')) return null;
  return `/${parts.join('/')}`;
}
