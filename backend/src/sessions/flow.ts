// Flow control, pure. Every consumer of a session's output (each client, and the screen
// mirror) reports how many bytes it has been handed but not yet consumed; the gate pauses the
// engine stream when the slowest one passes the high watermark and resumes it once every one
// is back under the low watermark. Between the two it keeps its decision (hysteresis).

import { FLOW_HIGH_WATERMARK, FLOW_LOW_WATERMARK } from '../contract/index.js';

export type FlowDecision = 'pause' | 'resume' | null;

export class FlowGate {
  private paused = false;

  constructor(
    private readonly high = FLOW_HIGH_WATERMARK,
    private readonly low = FLOW_LOW_WATERMARK,
  ) {
    if (!(low < high)) throw new RangeError('the low watermark must be below the high one');
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** `lag` is the largest backlog over all consumers; answers what to do, if anything. */
  update(lag: number): FlowDecision {
    if (!this.paused && lag >= this.high) {
      this.paused = true;
      return 'pause';
    }
    if (this.paused && lag <= this.low) {
      this.paused = false;
      return 'resume';
    }
    return null;
  }
}

/**
 * One client's backlog. Bytes count from the attach: `sent` are the binary bytes handed to the
 * socket, `inflight` those the socket has not written out yet (its buffered amount), `queued`
 * those held back while the snapshot is being made. A client that acknowledges (`ack` frames
 * carry the total bytes it has consumed) is measured by what it has not acknowledged; one that
 * never does (a script) by the socket's own backlog only.
 */
export class ClientBacklog {
  sent = 0;
  inflight = 0;
  queued = 0;
  private acked = 0;
  private acking = false;

  /** `total`: bytes consumed since the attach; a total below an earlier one is ignored */
  ack(total: number): void {
    this.acking = true;
    this.acked = Math.max(this.acked, Math.min(total, this.sent));
  }

  get lag(): number {
    const unacked = this.acking ? this.sent - this.acked : 0;
    return this.queued + Math.max(this.inflight, unacked);
  }
}
