// A terminal client as the UI is one: a `ws` WebSocket whose binary frames go into a headless
// xterm (the snapshot first), which acknowledges what it has consumed, and whose screen the
// tests read. Also records every control frame and the close code.

import xterm from '@xterm/headless';
import WebSocket from 'ws';
import { encodeClientFrame, FLOW_ACK_EVERY, type ServerFrame } from '../../src/contract/index.js';
import { parseServerFrame } from '../../src/contract/schema/index.js';
import { sleep } from './engine-fixtures.js';

export class TermClient {
  readonly term: InstanceType<typeof xterm.Terminal>;
  readonly frames: ServerFrame[] = [];
  received = 0;
  private acked = 0;
  closeCode: number | null = null;
  readonly closed: Promise<number>;
  private constructor(
    readonly ws: WebSocket,
    cols: number,
    rows: number,
    private readonly ack: boolean,
    scrollback: number,
  ) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      });
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        const size = data.length;
        this.term.write(data, () => {
          this.received += size;
          if (this.ack && this.received - this.acked >= FLOW_ACK_EVERY && ws.readyState === ws.OPEN) {
            this.acked = this.received;
            ws.send(encodeClientFrame({ type: 'ack', bytes: this.received }));
          }
        });
        return;
      }
      const frame = parseServerFrame(data.toString('utf8'));
      if (!frame) throw new Error(`unparsable server frame: ${data.toString('utf8').slice(0, 200)}`);
      this.frames.push(frame);
      if (frame.type === 'snapshot') {
        this.term.resize(frame.cols, frame.rows);
        this.term.write(frame.data);
      }
    });
  }

  static open(
    url: string,
    options: { cols?: number; rows?: number; ack?: boolean; origin?: string; scrollback?: number; headers?: Record<string, string> } = {},
  ): Promise<TermClient> {
    const ws = new WebSocket(url, {
      perMessageDeflate: false,
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
    const client = new TermClient(ws, options.cols ?? 80, options.rows ?? 24, options.ack !== false, options.scrollback ?? 5000);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  type(text: string | Uint8Array): void {
    this.ws.send(typeof text === 'string' ? Buffer.from(text) : text);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    this.ws.send(encodeClientFrame({ type: 'resize', cols, rows }));
  }

  /** what the screen shows (visible rows and scrollback), lines trimmed */
  screen(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true).trimEnd() ?? '');
    return lines.join('\n').replace(/\n+$/, '');
  }

  /** the visible rows only */
  visible(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = buffer.viewportY; i < buffer.viewportY + this.term.rows; i++) lines.push(buffer.getLine(i)?.translateToString(true).trimEnd() ?? '');
    return lines.join('\n');
  }

  /** waits (generously) until the parsed screen matches */
  async waitFor(check: RegExp | ((screen: string) => boolean), what: string, ms = 20_000): Promise<string> {
    const test = typeof check === 'function' ? check : (s: string) => check.test(s);
    const deadline = Date.now() + ms;
    for (;;) {
      await new Promise<void>((r) => this.term.write('', r));
      const screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen.slice(-2000)}`);
      await sleep(50);
    }
  }

  async waitForFrame<T extends ServerFrame['type']>(type: T, ms = 20_000): Promise<Extract<ServerFrame, { type: T }>> {
    const deadline = Date.now() + ms;
    for (;;) {
      const f = this.frames.find((x) => x.type === type);
      if (f) return f as Extract<ServerFrame, { type: T }>;
      if (Date.now() > deadline) throw new Error(`timed out waiting for a ${type} frame; got ${JSON.stringify(this.frames)}`);
      await sleep(50);
    }
  }

  close(): void {
    this.ws.close(1000);
  }

  dispose(): void {
    this.ws.terminate();
    this.term.dispose();
  }
}
