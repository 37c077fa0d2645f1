// Every recording the service keeps, within one total cap: past it, the oldest recordings
// (the order they were opened in) lose their oldest events first, so that a flood in one new
// session trims the ended sessions' recordings before its own.

import type { AsciicastHeader } from './asciicast.js';
import { DEFAULT_RECORDING_CAP, Recording, type RecordingBudget } from './recording.js';

export const DEFAULT_TOTAL_RECORDING_CAP = 64 * 1024 * 1024;

export interface RecordingCaps {
  /** per recording (default 8 MiB) */
  perSession?: number;
  /** across recordings (default 64 MiB) */
  total?: number;
}

export class RecordingStore implements RecordingBudget {
  /** oldest first (a Set keeps insertion order) */
  private readonly recordings = new Set<Recording>();
  private used = 0;
  readonly perSessionCap: number;
  readonly totalCap: number;

  constructor(caps: RecordingCaps = {}) {
    this.totalCap = caps.total ?? DEFAULT_TOTAL_RECORDING_CAP;
    this.perSessionCap = Math.min(caps.perSession ?? DEFAULT_RECORDING_CAP, this.totalCap);
    if (!(this.perSessionCap > 0)) throw new RangeError('recording caps must be positive numbers of bytes');
  }

  /** what every kept recording costs together */
  get bytes(): number {
    return this.used;
  }

  get count(): number {
    return this.recordings.size;
  }

  open(header: AsciicastHeader): Recording {
    const recording = new Recording(header, this.perSessionCap, this);
    this.recordings.add(recording);
    return recording;
  }

  /** the session is forgotten: so is its recording */
  forget(recording: Recording): void {
    if (!this.recordings.delete(recording)) return;
    this.used -= recording.bytes;
    recording.trimTo(0);
  }

  grew(recording: Recording, bytes: number): void {
    if (!this.recordings.has(recording)) return;
    this.used += bytes;
    if (this.used <= this.totalCap) return;
    for (const older of this.recordings) {
      if (older === recording) continue;
      this.used -= older.trimTo(Math.max(0, older.bytes - (this.used - this.totalCap)));
      if (this.used <= this.totalCap) return;
    }
    this.used -= recording.trimTo(Math.max(0, recording.bytes - (this.used - this.totalCap)));
  }
}
