// What every subcommand exports: its option table (for parsing and help) and a lazy runner,
// so that `cdebug --help` loads no engine or server code.

import type { CommandSpec, Parsed } from './options.js';

export interface Io {
  stdin: NodeJS.ReadStream;
  /** whether stdin is a terminal, when known without building the stdin stream */
  stdinIsTTY?: boolean;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export interface Command {
  spec: CommandSpec;
  /** resolves with the process's exit status */
  run(parsed: Parsed, io: Io): Promise<number>;
}
