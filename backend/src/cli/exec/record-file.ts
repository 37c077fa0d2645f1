// `cdebug exec --record FILE`: the session's output (never its input) and resizes written to
// FILE as asciicast v2, as they happen, the same format the service's recordings have. The file
// is opened before anything starts (a path that cannot be written is an error up front); a
// write that fails later (a full disk) stops the recording with one warning, not the session.

import { closeSync, createWriteStream, openSync, rmSync, type WriteStream } from 'node:fs';
import { CdebugError } from '../../contract/index.js';
import { type AsciicastHeader, headerLine, OutputEncoder, resizeLine } from '../../sessions/recording/asciicast.js';

export interface CastFile {
  /** the header: once the session's target, toolkit and size are known */
  start(header: Omit<AsciicastHeader, 'timestamp'>): void;
  output(chunk: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** writes what is left and closes the file */
  close(): Promise<void>;
  /** nothing was started: the file is removed */
  discard(): Promise<void>;
}

export function openCastFile(path: string, warn: (message: string) => void, clock: () => number = () => performance.now()): CastFile {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (err) {
    throw new CdebugError(
      'bad_request',
      `--record ${path}: the file cannot be written (${(err as Error).message}): name a file in a directory you can write to.`,
    );
  }
  let stream: WriteStream;
  try {
    stream = createWriteStream('', { fd, autoClose: true });
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  const encoder = new OutputEncoder();
  let startedAt = 0;
  let started = false;
  let broken = false;
  stream.on('error', (err) => {
    if (!broken) warn(`cdebug: warning: the recording stopped: ${path}: ${err.message}`);
    broken = true;
  });
  const write = (line: string) => {
    if (line !== '' && !broken) stream.write(line);
  };
  const closed = () =>
    new Promise<void>((resolve) => {
      if (stream.closed) return resolve();
      stream.once('close', () => resolve());
      stream.end();
    });
  return {
    start(header) {
      if (started) return;
      started = true;
      startedAt = clock();
      write(headerLine({ ...header, timestamp: Date.now() / 1000 }));
    },
    output(chunk) {
      if (started) write(encoder.output(clock() - startedAt, chunk));
    },
    resize(cols, rows) {
      if (started) write(resizeLine(clock() - startedAt, cols, rows));
    },
    async close() {
      if (started) write(encoder.end(clock() - startedAt));
      await closed();
    },
    async discard() {
      await closed();
      rmSync(path, { force: true });
    },
  };
}
