// One streaming WebSocket (v4.channel.k8s.io) as streams: its stdout and stderr channels as
// readables, writes to stdin and resizes as frames, and the status it ended with. Used by the
// CRI adapter (the URL from RuntimeService.Attach) and meant for an API-server one as well
// (pods/attach, pods/exec: the same protocol behind another URL and its credentials).

import { PassThrough } from 'node:stream';
import WebSocket from 'ws';
import { CdebugError } from '../../contract/index.js';
import { CHANNEL, decodeFrame, encodeFrame, parseStatus, resizeFrame, type StreamStatus, SUBPROTOCOL } from './channel.js';

export interface ChannelSocket {
  readonly stdout: PassThrough;
  readonly stderr: PassThrough;
  /** input for the command's stdin (dropped once the socket is closing) */
  write(data: Uint8Array): void;
  resize(cols: number, rows: number): void;
  /** settles once, when the socket has closed: with the status the server sent, or none */
  readonly ended: Promise<StreamStatus | null>;
  /** closes the socket once the queued frames are out: for an input, the end of it */
  close(): void;
  /** cuts it at once */
  destroy(): void;
}

export interface DialOptions {
  /** how long the upgrade may take (ms) */
  timeout?: number;
  headers?: Record<string, string>;
}

/** Opens the socket; rejects with a coded error when the server refuses the upgrade. */
export function openChannelSocket(url: string, options: DialOptions = {}): Promise<ChannelSocket> {
  // the CRI hands out http(s) URLs; the WebSocket is the same URL upgraded
  const wsUrl = url.replace(/^http(s?):/, 'ws$1:');
  const ws = new WebSocket(wsUrl, [SUBPROTOCOL], { handshakeTimeout: options.timeout ?? 10_000, headers: options.headers, perMessageDeflate: false });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let status: StreamStatus | null = null;
  const ended = new Promise<StreamStatus | null>((resolve) => {
    ws.on('close', () => {
      if (!stdout.writableEnded) stdout.end();
      if (!stderr.writableEnded) stderr.end();
      resolve(status);
    });
  });
  ws.on('message', (message: Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    const frame = decodeFrame(message);
    if (!frame || frame.data.length === 0) return;
    if (frame.channel === CHANNEL.stdout) stdout.write(frame.data);
    else if (frame.channel === CHANNEL.stderr) stderr.write(frame.data);
    else if (frame.channel === CHANNEL.error) status = parseStatus(frame.data.toString('utf8'));
  });
  return new Promise<ChannelSocket>((resolve, reject) => {
    ws.once('open', () => {
      ws.on('error', () => ws.terminate());
      resolve({
        stdout,
        stderr,
        write(data) {
          if (ws.readyState === WebSocket.OPEN && data.length > 0) ws.send(encodeFrame(CHANNEL.stdin, data));
        },
        resize(cols, rows) {
          if (ws.readyState === WebSocket.OPEN) ws.send(resizeFrame(cols, rows));
        },
        ended,
        close() {
          if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
        },
        destroy() {
          ws.terminate();
        },
      });
    });
    ws.once('unexpected-response', (_req, res) => {
      ws.terminate();
      reject(new CdebugError('sidecar_failed', `The streaming server refused the attach (HTTP ${res.statusCode ?? '?'}).`));
    });
    ws.once('error', (err) => {
      reject(new CdebugError('sidecar_failed', `The streaming server could not be reached: ${err.message}`, { cause: err }));
    });
  });
}
