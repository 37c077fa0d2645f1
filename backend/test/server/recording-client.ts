// A SessionClient that records what a session sends it, for unit tests. It can hold back the
// "written" callbacks, as a socket whose peer does not read would.

import type { ServerFrame } from '../../src/contract/index.js';
import type { SessionClient } from '../../src/sessions/attachment.js';

export type Recorded = { kind: 'bytes'; data: Buffer } | { kind: 'frame'; frame: ServerFrame } | { kind: 'close'; code: number };

export class RecordingClient implements SessionClient {
  readonly events: Recorded[] = [];
  /** hold back the written callbacks (a stalled socket) */
  stalled = false;
  private held: Array<() => void> = [];

  sendBytes(data: Uint8Array, written: () => void): void {
    this.events.push({ kind: 'bytes', data: Buffer.from(data) });
    if (this.stalled) this.held.push(written);
    else queueMicrotask(written);
  }

  sendFrame(frame: ServerFrame): void {
    this.events.push({ kind: 'frame', frame });
  }

  close(code: number): void {
    this.events.push({ kind: 'close', code });
  }

  /** the socket writes out everything it held */
  flush(): void {
    this.stalled = false;
    const held = this.held;
    this.held = [];
    for (const cb of held) cb();
  }

  get text(): string {
    return Buffer.concat(this.events.flatMap((e) => (e.kind === 'bytes' ? [e.data] : []))).toString('utf8');
  }

  get byteCount(): number {
    return this.events.reduce((n, e) => n + (e.kind === 'bytes' ? e.data.length : 0), 0);
  }

  frames<T extends ServerFrame['type']>(type: T): Array<Extract<ServerFrame, { type: T }>> {
    return this.events.flatMap((e) => (e.kind === 'frame' && e.frame.type === type ? [e.frame as Extract<ServerFrame, { type: T }>] : []));
  }

  get closedWith(): number | null {
    const c = this.events.find((e) => e.kind === 'close');
    return c && c.kind === 'close' ? c.code : null;
  }

  /** the kinds in order, frames by type: ["snapshot", "status", "bytes", ...] */
  get order(): string[] {
    return this.events.map((e) => (e.kind === 'frame' ? e.frame.type : e.kind));
  }
}

export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
