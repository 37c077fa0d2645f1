// A client of `GET /api/events` for tests: opens the socket with the token, keeps every frame
// (read with the contract's own schema) and waits for one that matches.

import { Check } from 'typebox/value';
import WebSocket from 'ws';
import { type LiveEvent, routes } from '../../src/contract/index.js';
import { LiveEvent as LiveEventSchema } from '../../src/contract/schema/index.js';
import { poll } from './engine.js';

export interface EventClient {
  readonly frames: LiveEvent[];
  /** the first frame from `from` on that matches; fails after `ms` naming `what` */
  until<T extends LiveEvent>(match: (frame: LiveEvent) => frame is T, what: string, from?: number, ms?: number): Promise<T>;
  until(match: (frame: LiveEvent) => boolean, what: string, from?: number, ms?: number): Promise<LiveEvent>;
  close(): void;
  readonly closed: Promise<number>;
}

export async function openEvents(port: number, token: string): Promise<EventClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${routes.events}?token=${encodeURIComponent(token)}`, { perMessageDeflate: false });
  const frames: LiveEvent[] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) throw new Error('the events socket sent a binary frame');
    const frame: unknown = JSON.parse(data.toString('utf8'));
    if (!Check(LiveEventSchema, frame)) throw new Error(`a frame outside the contract: ${data.toString('utf8').slice(0, 300)}`);
    frames.push(frame);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    frames,
    until: (match: (frame: LiveEvent) => boolean, what: string, from = 0, ms = 15_000) =>
      poll(
        () => frames.slice(from).find(match),
        (found) => found !== undefined,
        what,
        ms,
      ) as Promise<LiveEvent>,
    close: () => ws.close(1000),
    closed,
  };
}
