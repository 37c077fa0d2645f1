import { describe, expect, it } from 'vitest';
import { FLOW_HIGH_WATERMARK, FLOW_LOW_WATERMARK } from '../contract/index.js';
import { ClientBacklog, FlowGate } from './flow.js';

describe('FlowGate', () => {
  it('pauses at the high watermark and resumes only under the low one', () => {
    const gate = new FlowGate(100, 20);
    expect(gate.update(50)).toBe(null);
    expect(gate.update(100)).toBe('pause');
    expect(gate.isPaused).toBe(true);
    expect(gate.update(150)).toBe(null);
    expect(gate.update(50)).toBe(null);
    expect(gate.update(21)).toBe(null);
    expect(gate.update(20)).toBe('resume');
    expect(gate.update(0)).toBe(null);
    expect(gate.isPaused).toBe(false);
  });

  it('uses the contract watermarks by default', () => {
    const gate = new FlowGate();
    expect(gate.update(FLOW_HIGH_WATERMARK - 1)).toBe(null);
    expect(gate.update(FLOW_HIGH_WATERMARK)).toBe('pause');
    expect(gate.update(FLOW_LOW_WATERMARK + 1)).toBe(null);
    expect(gate.update(FLOW_LOW_WATERMARK)).toBe('resume');
  });

  it('refuses watermarks the wrong way round', () => {
    expect(() => new FlowGate(10, 10)).toThrow(RangeError);
  });
});

describe('ClientBacklog', () => {
  it('counts the socket backlog of a client that never acknowledges', () => {
    const b = new ClientBacklog();
    b.sent = 5000;
    b.inflight = 1200;
    expect(b.lag).toBe(1200);
    b.inflight = 0;
    expect(b.lag).toBe(0);
  });

  it('counts what an acknowledging client has not consumed yet', () => {
    const b = new ClientBacklog();
    b.sent = 5000;
    b.ack(1000);
    expect(b.lag).toBe(4000);
    b.ack(500); // an older total changes nothing
    expect(b.lag).toBe(4000);
    b.ack(1e12); // more than was sent is clamped
    expect(b.lag).toBe(0);
  });

  it('adds what is held back while the snapshot is made', () => {
    const b = new ClientBacklog();
    b.queued = 300;
    b.inflight = 10;
    expect(b.lag).toBe(310);
  });
});
