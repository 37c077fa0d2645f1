// The FIFOs a containerd task's stdio goes through. containerd's shim opens the paths it is
// given (stdin for reading, stdout/stderr for writing); cdebug makes them in a private temporary
// directory with coreutils' `mkfifo` (Node has no mkfifo(3), and a native addon for one call is
// more to keep than a tool every Linux host has), opens its ends, and removes the directory.
//
// Opening a FIFO blocks until its other end is open, and reading one with no writer left reads
// EOF: so each of cdebug's ends starts with a "holder" opened read-write (which never blocks and
// counts as a writer), the readers are opened non-blocking and read through libuv (not the
// thread pool), and the holders of the output are let go only once the task has exited, so the
// output ends exactly when the shim has written its last byte and closed its end.

import { execFile } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { CdebugError } from '../../contract/index.js';

export interface TaskIo {
  /** the paths for Tasks.Create ('' where there is none) */
  readonly paths: { stdin: string; stdout: string; stderr: string };
  readonly input: Writable | null;
  readonly output: Readable;
  readonly errors: Readable | null;
  /** the task has exited: the output ends once the shim has closed its end */
  release(): void;
  /** closes every end and removes the FIFOs; safe to call twice */
  dispose(): void;
}

function readerOf(path: string): { stream: Socket; holder: number } {
  const holder = openSync(path, constants.O_RDWR);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const stream = new Socket({ fd, readable: true, writable: false });
  // an error only ends the output; the task's exit says what happened
  stream.on('error', () => stream.destroy());
  return { stream, holder };
}

export async function openTaskIo(options: { stdin: boolean; tty: boolean }): Promise<TaskIo> {
  const dir = mkdtempSync(join(tmpdir(), 'cdebug-fifo-'));
  const holders: number[] = [];
  const streams: Socket[] = [];
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    for (const s of streams) s.destroy();
    for (const fd of holders.splice(0)) closeQuietly(fd);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const paths = { stdin: options.stdin ? join(dir, 'stdin') : '', stdout: join(dir, 'stdout'), stderr: options.tty ? '' : join(dir, 'stderr') };
    const fifos = [paths.stdin, paths.stdout, paths.stderr].filter((p) => p !== '');
    await promisify(execFile)('mkfifo', ['-m', '600', ...fifos]);
    const out = readerOf(paths.stdout);
    streams.push(out.stream);
    const outputHolders = [out.holder];
    let errors: Socket | null = null;
    if (paths.stderr) {
      const err = readerOf(paths.stderr);
      streams.push(err.stream);
      outputHolders.push(err.holder);
      errors = err.stream;
    }
    holders.push(...outputHolders);
    let input: Socket | null = null;
    if (paths.stdin) {
      // read-write: a write-only open would wait for the shim's reader; ending it closes the
      // only writer, and the shim reads EOF
      input = new Socket({ fd: openSync(paths.stdin, constants.O_RDWR), readable: false, writable: true });
      input.on('error', () => input?.destroy());
      streams.push(input);
    }
    return {
      paths,
      input,
      output: out.stream,
      errors,
      release() {
        for (const fd of outputHolders) {
          const at = holders.indexOf(fd);
          if (at >= 0) closeQuietly(holders.splice(at, 1)[0] as number);
        }
      },
      dispose,
    };
  } catch (err) {
    dispose();
    throw new CdebugError('sidecar_failed', `cdebug could not make the FIFOs for the sidecar's terminal in ${tmpdir()}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // closed already
  }
}
