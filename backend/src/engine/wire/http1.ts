// The little of HTTP/1.1 that cdebug's own engine client speaks (wire/client.ts): a request's
// bytes, an answer's head, and a chunked body taken apart as it arrives. Pure: bytes in, values
// out, so that every edge (a head split across reads, a chunk size cut in half) is tested
// without a socket.

export interface RequestHead {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  host: string;
  /** a JSON body; none sends Content-Length: 0 */
  body?: string | undefined;
  /** ask the engine to switch the connection to a raw stream (attach) */
  upgrade?: boolean;
}

export function formatRequest(head: RequestHead): Buffer {
  const body = head.body === undefined ? null : Buffer.from(head.body, 'utf8');
  const lines = [`${head.method} ${head.path} HTTP/1.1`, `Host: ${head.host}`, 'User-Agent: cdebug'];
  if (body) lines.push('Content-Type: application/json');
  lines.push(`Content-Length: ${body ? body.length : 0}`);
  lines.push(head.upgrade ? 'Connection: Upgrade' : 'Connection: close');
  if (head.upgrade) lines.push('Upgrade: tcp');
  const text = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([text, body]) : text;
}

export interface ResponseHead {
  status: number;
  /** header names in lower case */
  headers: ReadonlyMap<string, string>;
}

export type HeadParse =
  | { kind: 'more' }
  | { kind: 'head'; head: ResponseHead; /** the bytes after the head */ rest: Buffer }
  | { kind: 'invalid'; reason: string };

/** Heads longer than this are no engine's: the connection is not what we think it is. */
export const MAX_HEAD_BYTES = 64 * 1024;

const HEAD_END = Buffer.from('\r\n\r\n');

/** Reads a response head from the bytes received so far. */
export function parseHead(received: Buffer): HeadParse {
  const end = received.indexOf(HEAD_END);
  if (end === -1) {
    return received.length > MAX_HEAD_BYTES ? { kind: 'invalid', reason: 'the answer has no end of headers' } : { kind: 'more' };
  }
  const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (!match) return { kind: 'invalid', reason: `not an HTTP answer: ${JSON.stringify(statusLine.slice(0, 40))}` };
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { kind: 'invalid', reason: `a malformed header line: ${JSON.stringify(line.slice(0, 40))}` };
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { kind: 'head', head: { status: Number(match[1]), headers }, rest: received.subarray(end + HEAD_END.length) };
}

/** How the body after a head ends. */
export type BodyFraming = { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'close' };

export function bodyFraming(head: ResponseHead): BodyFraming {
  if (/\bchunked\b/i.test(head.headers.get('transfer-encoding') ?? '')) return { kind: 'chunked' };
  const length = head.headers.get('content-length');
  if (length !== undefined && /^\d+$/.test(length)) return { kind: 'length', length: Number(length) };
  // 204 and 304 have no body whatever the headers say
  if (head.status === 204 || head.status === 304) return { kind: 'length', length: 0 };
  return { kind: 'close' };
}

/**
 * Takes a chunked body apart as its bytes arrive, in pieces of any size. `push` returns the
 * payload bytes the piece completed; `done` turns true after the last (zero-size) chunk.
 */
export class ChunkedDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private state: 'size' | 'data' | 'crlf' | 'done' = 'size';
  /** bytes of the current chunk still to come */
  private left = 0;
  private broken: string | null = null;

  get done(): boolean {
    return this.state === 'done';
  }

  get error(): string | null {
    return this.broken;
  }

  push(piece: Buffer): Buffer[] {
    const out: Buffer[] = [];
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, piece]) : piece;
    while (this.state !== 'done' && this.broken === null && this.step(out));
    return out;
  }

  /** one step of the state machine; false when it needs more bytes (or the body is broken) */
  private step(out: Buffer[]): boolean {
    switch (this.state) {
      case 'size': {
        const eol = this.pending.indexOf('\r\n');
        if (eol === -1) {
          if (this.pending.length > 1024) this.broken = 'a chunk size line is too long';
          return false;
        }
        const sizeText = this.pending.subarray(0, eol).toString('latin1').split(';')[0]?.trim() ?? '';
        if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) {
          this.broken = `a malformed chunk size: ${JSON.stringify(sizeText.slice(0, 20))}`;
          return false;
        }
        this.pending = this.pending.subarray(eol + 2);
        this.left = parseInt(sizeText, 16);
        // trailers after the last chunk, if any, are not read: nothing of the engine's is in them
        this.state = this.left === 0 ? 'done' : 'data';
        return true;
      }
      case 'data': {
        if (this.pending.length === 0) return false;
        const take = Math.min(this.left, this.pending.length);
        out.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.left -= take;
        if (this.left === 0) this.state = 'crlf';
        return true;
      }
      case 'crlf': {
        if (this.pending.length < 2) return false;
        if (this.pending[0] !== 0x0d || this.pending[1] !== 0x0a) {
          this.broken = 'a chunk is longer than its size';
          return false;
        }
        this.pending = this.pending.subarray(2);
        this.state = 'size';
        return true;
      }
      default:
        return false;
    }
  }
}
