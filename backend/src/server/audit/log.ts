// The audit trail's file: entries appended in order, one write at a time, batched while one is
// under way, so an append never blocks the event loop and never interleaves with another. A
// path that cannot be written (no such directory, no permission, a full disk) does not stop
// anything else: the failure is logged once, `status()` says so (health shows it), and later
// appends try again, so the trail resumes when the disk has room.

import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CdebugError } from '../../contract/index.js';
import { type AuditEntry, auditLine, parseAuditLine } from './entry.js';

/** lines held while the file cannot be written; beyond, the oldest held are given up */
const MAX_PENDING = 10_000;
/** how much of the file's end is read at a time when looking for its last lines */
const TAIL_CHUNK = 64 * 1024;

export interface AuditStatus {
  ok: boolean;
  path: string;
  /** why the last write failed */
  error?: string;
}

export interface AuditWarn {
  warn(obj: object, msg: string): void;
}

export class AuditLog {
  private pending: string[] = [];
  private writing: Promise<void> | null = null;
  private handle: FileHandle | null = null;
  private failure: string | null = null;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly log: AuditWarn,
  ) {}

  status(): AuditStatus {
    return this.failure === null ? { ok: true, path: this.path } : { ok: false, path: this.path, error: this.failure };
  }

  append(entry: AuditEntry): void {
    if (this.closed) return;
    this.pending.push(auditLine(entry));
    if (this.pending.length > MAX_PENDING) this.pending.splice(0, this.pending.length - MAX_PENDING);
    this.writing ??= this.drain();
  }

  /** resolves once every entry appended so far has been written (or failed to be) */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  /** the last `limit` entries in the file, oldest first */
  async last(limit: number): Promise<AuditEntry[]> {
    await this.flushed();
    let text: string;
    try {
      text = await readTail(this.path, limit);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new CdebugError('audit_unavailable', `The audit log ${this.path} cannot be read (${(err as Error).message}): check the path given to --audit-log.`);
    }
    const entries = text.split('\n').flatMap((line) => {
      const entry = line === '' ? null : parseAuditLine(line);
      return entry ? [entry] : [];
    });
    return entries.slice(-limit);
  }

  async close(): Promise<void> {
    await this.flushed();
    this.closed = true;
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.join('');
      this.pending = [];
      try {
        await this.write(batch);
        this.failure = null;
      } catch (err) {
        this.failed(err);
      }
    }
    this.writing = null;
  }

  private async write(text: string): Promise<void> {
    if (!this.handle) {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      this.handle = await open(this.path, 'a', 0o600);
    }
    try {
      await this.handle.appendFile(text);
    } catch (err) {
      // a descriptor that failed is not trusted again: the next write opens the file afresh
      const handle = this.handle;
      this.handle = null;
      await handle.close().catch(() => undefined);
      throw err;
    }
  }

  private failed(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    // one warning per outage, not one per event
    if (this.failure === null) {
      this.log.warn({ err, path: this.path }, 'the audit log cannot be written: sessions go on, their events are not recorded');
    }
    this.failure = message;
  }
}

/** the end of the file holding at least `lines` whole lines (or all of it) */
async function readTail(path: string, lines: number): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const chunks: Buffer[] = [];
    let position = size;
    let newlines = 0;
    while (position > 0 && newlines <= lines) {
      const length = Math.min(TAIL_CHUNK, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await file.read(chunk, 0, length, position);
      for (const byte of chunk) if (byte === 0x0a) newlines += 1;
      chunks.unshift(chunk);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    // the first line may be cut: drop it unless the read began at the file's start
    return position === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await file.close();
  }
}
