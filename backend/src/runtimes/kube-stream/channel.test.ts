import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNEL, decodeFrame, encodeFrame, parseStatus, resizeFrame } from './channel.js';

describe('the v4.channel.k8s.io frame codec', () => {
  it('gives back every channel and payload it encoded', () => {
    fc.assert(
      fc.property(fc.constantFrom<0 | 1 | 2 | 3 | 4>(0, 1, 2, 3, 4), fc.uint8Array({ maxLength: 4096 }), (channel, data) => {
        const frame = decodeFrame(encodeFrame(channel, data));
        expect(frame?.channel).toBe(channel);
        expect(Buffer.compare(frame?.data ?? Buffer.alloc(1), Buffer.from(data))).toBe(0);
      }),
    );
  });

  it('reads an empty message (a stream opening) as no frame', () => {
    expect(decodeFrame(Buffer.alloc(0))).toBeNull();
  });

  it('keeps a frame with only its channel byte as an empty payload', () => {
    expect(decodeFrame(Buffer.from([1]))).toEqual({ channel: 1, data: Buffer.alloc(0) });
  });

  it('writes a resize on channel 4 as the TerminalSize JSON', () => {
    const frame = resizeFrame(132, 43);
    expect(frame[0]).toBe(CHANNEL.resize);
    expect(JSON.parse(frame.subarray(1).toString('utf8'))).toEqual({ Width: 132, Height: 43 });
  });
});

describe('the status on the error channel', () => {
  it('is a success', () => {
    expect(parseStatus('{"metadata":{},"status":"Success"}')).toEqual({ kind: 'success' });
  });

  it("carries a command's exit status as the cause ExitCode", () => {
    const status = {
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    };
    expect(parseStatus(JSON.stringify(status))).toEqual({ kind: 'exit', code: 3 });
  });

  it('reads any status 0-255 back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (code) => {
        const text = JSON.stringify({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } });
        expect(parseStatus(text)).toEqual({ kind: 'exit', code });
      }),
    );
  });

  it("is an error with the server's message otherwise", () => {
    expect(parseStatus('{"status":"Failure","message":"container not running","reason":"InternalError"}')).toEqual({
      kind: 'error',
      message: 'container not running',
    });
    expect(parseStatus('{"status":"Failure","reason":"NonZeroExitCode","message":"m","details":{"causes":[{"reason":"ExitCode","message":"x"}]}}')).toEqual({
      kind: 'error',
      message: 'm',
    });
  });

  it('is an error for text that is no status (older servers wrote plain text)', () => {
    expect(parseStatus('exec failed\n')).toEqual({ kind: 'error', message: 'exec failed' });
    expect(parseStatus('42')).toEqual({ kind: 'error', message: '42' });
  });
});
