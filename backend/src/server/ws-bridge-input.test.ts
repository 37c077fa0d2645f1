// What the attach socket does with each client message, on a fake socket: binary is input,
// a good text frame is a control, a bad one an error frame — until the answers pile up.
import { describe, expect, it } from 'vitest';
import type { ClientFrame } from '../contract/index.js';
import { clientMessage, MAX_ERROR_BACKLOG } from './ws-bridge.js';

function fakes(bufferedAmount = 0) {
  const sent: string[] = [];
  const inputs: Buffer[] = [];
  const controls: ClientFrame[] = [];
  const socket = { bufferedAmount, send: (text: string) => void sent.push(text) };
  const attachment = { input: (d: Uint8Array) => void inputs.push(Buffer.from(d)), control: (f: ClientFrame) => void controls.push(f) };
  return { socket, attachment, sent, inputs, controls };
}

describe('clientMessage', () => {
  it('passes binary through, unparsed, even when it looks like a control frame', () => {
    const f = fakes();
    const bytes = Buffer.from('{"type":"resize","cols":80,"rows":24}\xff\x00', 'latin1');
    clientMessage(f.socket, f.attachment, bytes, true);
    expect(f.inputs).toEqual([bytes]);
    expect(f.controls).toEqual([]);
    expect(f.sent).toEqual([]);
  });

  it('hands good control frames on, fragmented ones too', () => {
    const f = fakes();
    clientMessage(f.socket, f.attachment, [Buffer.from('{"type":"resize",'), Buffer.from('"cols":100,"rows":30}')], false);
    expect(f.controls).toEqual([{ type: 'resize', cols: 100, rows: 30 }]);
  });

  it('answers a bad text frame with a bad_request error frame', () => {
    const f = fakes();
    clientMessage(f.socket, f.attachment, Buffer.from('x'), false);
    expect(f.sent.map((t) => (JSON.parse(t) as { type: string; code: string }).code)).toEqual(['bad_request']);
  });

  it(`stops answering bad frames while ${MAX_ERROR_BACKLOG} bytes or more wait for the client, and answers again once they have gone`, () => {
    const f = fakes(MAX_ERROR_BACKLOG);
    for (let i = 0; i < 1000; i++) clientMessage(f.socket, f.attachment, Buffer.from('x'), false);
    expect(f.sent).toEqual([]);
    f.socket.bufferedAmount = MAX_ERROR_BACKLOG - 1;
    clientMessage(f.socket, f.attachment, Buffer.from('x'), false);
    expect(f.sent).toHaveLength(1);
    // good frames are never dropped
    f.socket.bufferedAmount = MAX_ERROR_BACKLOG * 10;
    clientMessage(f.socket, f.attachment, Buffer.from('{"type":"ack","bytes":5}'), false);
    expect(f.controls).toEqual([{ type: 'ack', bytes: 5 }]);
  });
});
