// cdebug's own engine client for the few calls `cdebug exec` makes: one connection per call,
// HTTP/1.1 written by hand (http1.ts). It exists for start-up time: dockerode, node:http and
// what they load cost a CLI start some 15-25 ms before the first request (docs/BENCHMARKS.md).
// A long-running service keeps dockerode (keep-alive, the whole API); both go through the same
// ContainerApi (../container-api.ts). Failures look like dockerode's: the engine's status as
// `statusCode`, its message as `json.message`, a socket's own error (ECONNREFUSED, a TLS
// code) as it came, so that errors.ts reads both alike.

import type { Duplex } from 'node:stream';
import { PassThrough, type Readable } from 'node:stream';
import { bodyFraming, ChunkedDecoder, formatRequest, parseHead, type RequestHead, type ResponseHead } from './http1.js';

/** Opens a connection to the engine (it may still be connecting: writes wait for it). */
export type Dial = () => Duplex;

export interface Answer {
  status: number;
  body: Buffer;
}

/** The engine answered, with a failure status: dockerode's error shape. */
export class EngineAnswerError extends Error {
  readonly statusCode: number;
  readonly json: { message: string };

  constructor(status: number, body: Buffer) {
    const text = body.toString('utf8').trim();
    let message = text;
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // a plain text answer (a TLS engine's answer to plain http is one)
    }
    super(message || `HTTP ${status}`);
    this.statusCode = status;
    this.json = { message: this.message };
  }
}

/** The connection broke in a way no engine answers with. */
function brokenAnswer(why: string): Error {
  return Object.assign(new Error(`The engine's answer could not be read: ${why}`), { code: 'EPROTO' });
}

interface Exchange {
  head: ResponseHead;
  socket: Duplex;
  /** bytes that came with the head */
  rest: Buffer;
}

export class WireClient {
  constructor(
    private readonly dial: Dial,
    /** the Host header: the engine ignores it, HTTP/1.1 wants one */
    private readonly host: string,
  ) {}

  /** A call whose answer is read whole; a failure status rejects with EngineAnswerError. */
  async call(method: RequestHead['method'], path: string, body?: unknown): Promise<Answer> {
    const exchange = await this.exchange({ method, path, host: this.host, body: body === undefined ? undefined : JSON.stringify(body) });
    const answer = { status: exchange.head.status, body: await readWhole(exchange) };
    if (answer.status >= 400) throw new EngineAnswerError(answer.status, answer.body);
    return answer;
  }

  /** A call's answer parsed as JSON. */
  async json<T>(method: RequestHead['method'], path: string, body?: unknown): Promise<T> {
    const { body: bytes } = await this.call(method, path, body);
    return JSON.parse(bytes.toString('utf8')) as T;
  }

  /**
   * A call whose body comes later (a wait): resolves once the engine has answered the head,
   * i.e. has taken the call. Destroying the stream closes the connection.
   */
  async stream(method: RequestHead['method'], path: string): Promise<Readable> {
    const exchange = await this.exchange({ method, path, host: this.host });
    if (exchange.head.status >= 400) throw new EngineAnswerError(exchange.head.status, await readWhole(exchange));
    return bodyStream(exchange);
  }

  /** POST path with Upgrade: tcp; the connection itself once the engine has switched (101). */
  async upgrade(path: string): Promise<Duplex> {
    const exchange = await this.exchange({ method: 'POST', path, host: this.host, upgrade: true });
    const { head, socket, rest } = exchange;
    if (head.status !== 101 && head.status !== 200) {
      throw new EngineAnswerError(head.status, await readWhole(exchange));
    }
    // Docker answers 101; an engine that answers 200 streams the same way from here on
    if (rest.length > 0) socket.unshift(rest);
    // neither flowing nor held: the new owner's 'data' listener or pipe starts the flow (as
    // node:http leaves an upgraded socket)
    (socket as { readableFlowing: boolean | null }).readableFlowing = null;
    return socket;
  }

  /** Sends the request and reads the answer's head; the caller owns the socket after. */
  private exchange(request: RequestHead): Promise<Exchange> {
    return new Promise<Exchange>((resolve, reject) => {
      const socket = this.dial();
      let received: Buffer = Buffer.alloc(0);
      const settle = (outcome: () => void) => {
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('end', onEnd);
        socket.off('close', onEnd);
        outcome();
      };
      const fail = (err: Error) =>
        settle(() => {
          socket.destroy();
          reject(err);
        });
      const onError = (err: Error) => fail(err);
      const onEnd = () => fail(Object.assign(new Error('The engine closed the connection without an answer.'), { code: 'ECONNRESET' }));
      const onData = (chunk: Buffer) => {
        received = received.length > 0 ? Buffer.concat([received, chunk]) : chunk;
        const parsed = parseHead(received);
        if (parsed.kind === 'more') return;
        if (parsed.kind === 'invalid') return fail(brokenAnswer(parsed.reason));
        // no more 'data' until the next owner listens: the body's bytes wait in the socket
        socket.pause();
        settle(() => resolve({ head: parsed.head, socket, rest: parsed.rest }));
      };
      socket.on('data', onData);
      socket.on('error', onError);
      socket.on('end', onEnd);
      socket.on('close', onEnd);
      socket.write(formatRequest(request));
    });
  }
}

/** The body after a head, as a stream that ends where the framing says. */
function bodyStream({ head, socket, rest }: Exchange): Readable {
  const body = new PassThrough();
  const framing = bodyFraming(head);
  const chunked = framing.kind === 'chunked' ? new ChunkedDecoder() : null;
  let left = framing.kind === 'length' ? framing.length : Infinity;
  let finished = false;
  const finish = (err?: Error) => {
    if (finished) return;
    finished = true;
    socket.off('data', onData);
    socket.off('end', onEnd);
    socket.off('error', onError);
    socket.off('close', onEnd);
    body.off('close', onBodyClose);
    socket.destroy();
    // the reader may have destroyed the body itself (onBodyClose): ending it then would only
    // build an error nobody reads
    if (body.destroyed) return;
    if (err) body.destroy(err);
    else body.end();
  };
  const onData = (piece: Buffer) => {
    if (chunked) {
      for (const part of chunked.push(piece)) body.write(part);
      if (chunked.error) return finish(brokenAnswer(chunked.error));
      if (chunked.done) finish();
      return;
    }
    const take = piece.subarray(0, Math.min(piece.length, left));
    if (take.length > 0) body.write(take);
    left -= take.length;
    if (left === 0) finish();
  };
  // an end before the framing's says the engine went away mid-answer
  const onEnd = () => finish(framing.kind === 'close' ? undefined : Object.assign(new Error('The engine closed the connection mid-answer.'), { code: 'ECONNRESET' }));
  const onError = (err: Error) => finish(err);
  // the reader gave up on the answer (a wait no longer wanted): close the connection
  const onBodyClose = () => finish();
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('error', onError);
  socket.on('close', onEnd);
  body.on('close', onBodyClose);
  if (rest.length > 0 || left === 0) onData(rest);
  socket.resume();
  return body;
}

function readWhole(exchange: Exchange): Promise<Buffer> {
  const body = bodyStream(exchange);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => chunks.push(chunk));
    body.once('end', () => resolve(Buffer.concat(chunks)));
    body.once('error', reject);
  });
}
