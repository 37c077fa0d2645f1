// The local terminal during `cdebug exec -it`: raw mode, size changes, and restoring it on
// every way out.

export interface LocalTerminal {
  size(): { cols: number; rows: number } | null;
  onResize(listener: (cols: number, rows: number) => void): () => void;
  restore(): void;
}

export function takeTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream): LocalTerminal {
  const wasRaw = stdin.isRaw === true;
  stdin.setRawMode?.(true);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdin.setRawMode?.(wasRaw);
  };
  // A crash must not leave the user's terminal raw.
  process.once('exit', restore);
  return {
    size: () => (stdout.isTTY && stdout.columns && stdout.rows ? { cols: stdout.columns, rows: stdout.rows } : null),
    onResize(listener) {
      const handler = () => {
        if (stdout.columns && stdout.rows) listener(stdout.columns, stdout.rows);
      };
      stdout.on('resize', handler);
      return () => stdout.off('resize', handler);
    },
    restore() {
      process.off('exit', restore);
      restore();
    },
  };
}
