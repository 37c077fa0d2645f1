// The Kubernetes streaming protocol over WebSocket, subprotocol v4.channel.k8s.io, as the CRI
// streaming server (containerd, CRI-O) and the API server (pods/attach, pods/exec) speak it.
// Pure: frames in and out, the resize message, and what the status on the error channel means.
//
// Every binary message is one frame: its first byte names the channel, the rest is payload.
//   0 stdin (client -> server), 1 stdout, 2 stderr, 3 error (a metav1.Status as JSON, sent once
//   at the end), 4 resize (client -> server, {"Width": cols, "Height": rows}).
// v4 has no way to close stdin alone (v5's channel 255 came with Kubernetes 1.30): an input
// ends when its socket closes.

export const SUBPROTOCOL = 'v4.channel.k8s.io';

export const CHANNEL = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  error: 3,
  resize: 4,
} as const;

export type Channel = (typeof CHANNEL)[keyof typeof CHANNEL];

export interface Frame {
  channel: number;
  data: Buffer;
}

export function encodeFrame(channel: Channel, data: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(data.length + 1);
  frame[0] = channel;
  frame.set(data, 1);
  return frame;
}

/** null for an empty message (servers send one per channel when a stream opens) */
export function decodeFrame(message: Buffer): Frame | null {
  if (message.length === 0) return null;
  return { channel: message[0] as number, data: message.subarray(1) };
}

/** the pty's new size, as the streaming server reads it (remotecommand.TerminalSize) */
export function resizeFrame(cols: number, rows: number): Buffer {
  return encodeFrame(CHANNEL.resize, Buffer.from(JSON.stringify({ Width: cols, Height: rows })));
}

/** How a stream ended, by its status: a success, a command's exit status, or an error. */
export type StreamStatus = { kind: 'success' } | { kind: 'exit'; code: number } | { kind: 'error'; message: string };

/**
 * Reads the status of the error channel. A failure with reason NonZeroExitCode carries the
 * command's status as the cause ExitCode (exec); anything else that is not a success is an
 * error whose message the server wrote (attach reports no exit status: it is read from the
 * container). Text that is not a status is an error too: older servers wrote plain text.
 */
export function parseStatus(text: string): StreamStatus {
  let status: unknown;
  try {
    status = JSON.parse(text);
  } catch {
    return { kind: 'error', message: text.trim() || 'the stream ended with an unreadable status' };
  }
  if (typeof status !== 'object' || status === null) return { kind: 'error', message: text.trim() };
  const s = status as { status?: unknown; message?: unknown; reason?: unknown; details?: { causes?: unknown } };
  if (s.status === 'Success') return { kind: 'success' };
  if (s.reason === 'NonZeroExitCode' && Array.isArray(s.details?.causes)) {
    for (const cause of s.details.causes as Array<{ reason?: unknown; message?: unknown }>) {
      if (cause?.reason !== 'ExitCode' || typeof cause.message !== 'string') continue;
      const code = Number(cause.message);
      if (Number.isInteger(code) && code >= 0 && code <= 255) return { kind: 'exit', code };
    }
  }
  return { kind: 'error', message: typeof s.message === 'string' && s.message ? s.message : text.trim() };
}
