// One forwarded connection's bytes over an exec's hijacked stream (no tty): the engine
// multiplexes the command's stdout and stderr (demux.ts), and takes our writes as its stdin.
// This turns that into a plain Duplex: stdout out, stdin in, with backpressure both ways (a
// reader that stops pauses the engine stream; a slow engine holds the writer's callbacks) and
// half-close (ending the writable side ends the command's stdin, and nc then shuts down its
// side of the connection). stderr is kept (a little) to tell a refused connection.

import { Duplex } from 'node:stream';
import { AttachDemuxer } from './demux.js';

/** how much of the command's stderr is kept: enough for nc's one-line message */
const STDERR_KEPT = 2048;

export interface TunnelStream {
  stream: Duplex;
  stderr: () => string;
  /** stdout bytes seen so far */
  received: () => number;
}

export function tunnelStream(raw: Duplex): TunnelStream {
  let stderr = '';
  let received = 0;
  let pendingWrite: ((err?: Error | null) => void) | null = null;
  const settleWrite = (err?: Error | null) => {
    const callback = pendingWrite;
    pendingWrite = null;
    callback?.(err);
  };

  const stream = new Duplex({
    allowHalfOpen: true,
    read() {
      raw.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      if (raw.destroyed || raw.writableEnded) {
        callback(new Error('the connection inside the container has closed'));
        return;
      }
      if (raw.write(chunk)) callback();
      else {
        pendingWrite = callback;
        raw.once('drain', () => settleWrite());
      }
    },
    final(callback) {
      // EOF on the command's stdin: the engine closes it, and nc shuts its sending side down
      raw.end();
      callback();
    },
    destroy(err, callback) {
      settleWrite(err ?? new Error('closed'));
      raw.destroy();
      callback(err);
    },
  });

  const demux = new AttachDemuxer((kind, payload) => {
    if (kind === 'stderr') {
      if (stderr.length < STDERR_KEPT) stderr += payload.toString('utf8').slice(0, STDERR_KEPT - stderr.length);
      return;
    }
    received += payload.length;
    if (!stream.push(payload)) raw.pause();
  });
  raw.on('data', (chunk: Buffer) => demux.push(chunk));
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    settleWrite(new Error('the connection inside the container has closed'));
    stream.push(null);
  };
  raw.on('end', end);
  raw.on('close', end);
  // the engine gone mid-connection: this connection ends, as a reset would end it
  raw.on('error', (err) => stream.destroy(err));
  return { stream, stderr: () => stderr, received: () => received };
}
