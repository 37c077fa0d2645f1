// Splits the engine's multiplexed attach stream (used when the container has no tty): each
// frame is an 8-byte header [stream, 0, 0, 0, size (big-endian u32)] and `size` payload bytes.

export type StreamKind = 'stdout' | 'stderr';

export class AttachDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly emit: (kind: StreamKind, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    let buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      const kind: StreamKind = buf[0] === 2 ? 'stderr' : 'stdout';
      if (size > 0) this.emit(kind, buf.subarray(8, 8 + size));
      buf = buf.subarray(8 + size);
    }
    this.pending = Buffer.from(buf);
  }
}
