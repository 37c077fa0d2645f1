// The WebSocket side of `cdebug attach`: frames in (the snapshot, live bytes, exit, error),
// keystrokes and sizes out, acknowledgements so that the service's flow control keeps sending.

import WebSocket from 'ws';
import { CdebugError, encodeClientFrame, FLOW_ACK_EVERY, routes } from '../../contract/index.js';
import { parseServerFrame } from '../../contract/schema/index.js';
import type { Io } from '../command.js';
import { scanDetach } from './detach-keys.js';
import { EXIT } from '../exit-codes.js';
import type { ServiceAddress } from './service-address.js';
import { webSocketUrl } from './service-address.js';
import { takeTerminal } from '../exec/terminal.js';

type Outcome = { kind: 'exit'; code: number } | { kind: 'detached' } | { kind: 'error'; error: CdebugError };

export async function attachTerminal(address: ServiceAddress, id: string, io: Io): Promise<number> {
  const ws = new WebSocket(webSocketUrl(address, routes.attach(id)), { perMessageDeflate: false });
  const terminal = io.stdinIsTTY ? takeTerminal(io.stdin, io.stdout) : null;
  const cleanups: Array<() => void> = [() => terminal?.restore()];
  // set from the socket's callbacks: the first one to say how it ends wins
  const state: { outcome: Outcome | null } = { outcome: null };
  const settle = (o: Outcome) => {
    state.outcome ??= o;
    if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close(1000);
  };

  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  ws.on('unexpected-response', (_req, res) => {
    const status = res.statusCode ?? 0;
    const error =
      status === 401
        ? new CdebugError(
            'unauthorized',
            `The service at ${address.base} refused the token: give --token (or CDEBUG_TOKEN), or the whole URL \`cdebug serve\` printed to --server.`,
          )
        : status === 404
          ? new CdebugError('session_not_found', `The service at ${address.base} has no session "${id}": see \`cdebug ps\`.`)
          : new CdebugError('internal', `The service at ${address.base} refused to attach (HTTP ${status}).`);
    state.outcome ??= { kind: 'error', error };
    res.resume();
    ws.terminate();
  });
  ws.on('error', (err) => {
    state.outcome ??= {
      kind: 'error',
      error: new CdebugError(
        'service_unreachable',
        `No cdebug service answers at ${address.base}: start one with \`cdebug serve\`, or give its URL with --server.`,
        { cause: err },
      ),
    };
  });

  let received = 0;
  let acked = 0;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      io.stdout.write(data);
      received += data.length;
      if (received - acked >= FLOW_ACK_EVERY) {
        acked = received;
        ws.send(encodeClientFrame({ type: 'ack', bytes: received }));
      }
      return;
    }
    const frame = parseServerFrame(data.toString('utf8'));
    if (frame?.type === 'snapshot') io.stdout.write(frame.data);
    else if (frame?.type === 'exit') settle({ kind: 'exit', code: frame.code });
    else if (frame?.type === 'error') settle({ kind: 'error', error: new CdebugError(frame.code, frame.message) });
  });

  ws.once('open', () => {
    const size = terminal?.size();
    if (size) ws.send(encodeClientFrame({ type: 'resize', cols: size.cols, rows: size.rows }));
    if (terminal)
      cleanups.push(terminal.onResize((cols, rows) => ws.readyState === WebSocket.OPEN && ws.send(encodeClientFrame({ type: 'resize', cols, rows }))));
    let pending = false;
    const onData = (chunk: Buffer) => {
      const scan = scanDetach(pending, chunk);
      pending = scan.pending;
      if (scan.forward.length > 0 && ws.readyState === WebSocket.OPEN) ws.send(scan.forward, { binary: true });
      if (scan.detach) settle({ kind: 'detached' });
    };
    io.stdin.on('data', onData);
    cleanups.push(() => {
      io.stdin.off('data', onData);
      io.stdin.pause();
    });
  });

  try {
    await closed;
  } finally {
    for (const c of cleanups.reverse()) c();
  }
  const end: Outcome = state.outcome ?? { kind: 'error', error: new CdebugError('session_ended', `The service closed session ${id}'s connection.`) };
  if (end.kind === 'exit') return end.code;
  if (end.kind === 'detached') {
    io.stderr.write(`\r\ncdebug: detached from session ${id}; it goes on (cdebug attach ${id} to come back)\n`);
    return EXIT.ok;
  }
  throw end.error;
}
