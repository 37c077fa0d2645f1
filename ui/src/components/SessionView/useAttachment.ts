// The attach lifecycle of one session's terminal: open the socket, pour its bytes into the
// terminal (acknowledging what the terminal has parsed), restore the screen from the snapshot,
// send keystrokes and debounced resizes, and reconnect with back-off while the session lives.
// One effect owns it all and its cleanup removes every listener, timer and socket it made.

import { useEffect, useReducer } from 'react';
import { isFinalState, type Session } from '@cdebug/contract';
import type { Terminal } from '@xterm/xterm';
import type { AttachHandle, CdebugApi } from '../../api';
import { AckCounter, debounce } from '../TerminalPane/flow';
import { initialView, reduceAttach, type AttachView } from './attachView';

export const RESIZE_DEBOUNCE_MS = 120;
const RECONNECT_FIRST_MS = 1000;
const RECONNECT_MAX_MS = 10_000;

export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_FIRST_MS * 2 ** Math.max(0, attempt - 1), RECONNECT_MAX_MS);
}

/** onBinary hands over bytes as a "binary string": one char per byte. */
function binaryStringBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

export function useAttachment(api: CdebugApi, session: Session, terminal: Terminal | null): [AttachView, () => void] {
  const [view, dispatch] = useReducer(reduceAttach, session, initialView);
  const sessionId = session.id;

  useEffect(() => {
    if (!terminal) return;
    const term = terminal;
    const encoder = new TextEncoder();
    let disposed = false;
    let over = false;
    let handle: AttachHandle | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;

    const resize = debounce((cols: number, rows: number) => handle?.resize(cols, rows), RESIZE_DEBOUNCE_MS);
    const listeners = [
      term.onData((text) => handle?.send(encoder.encode(text))),
      term.onBinary((text) => handle?.send(binaryStringBytes(text))),
      term.onResize(({ cols, rows }) => resize.call(cols, rows)),
    ];

    function connect(): void {
      const acks = new AckCounter();
      dispatch({ type: 'connecting' });
      const current: AttachHandle = api.attach(sessionId, {
        onOpen() {
          attempts = 0;
          dispatch({ type: 'open' });
          current.resize(term.cols, term.rows);
        },
        onData(bytes) {
          term.write(bytes, () => {
            if (disposed || handle !== current) return;
            const total = acks.parsed(bytes.length);
            if (total !== null) current.ack(total);
          });
        },
        onFrame(frame) {
          if (frame.type === 'snapshot') {
            // The screen as it is now, drawn on a clean terminal: nothing shown twice.
            term.reset();
            term.write(frame.data);
            return;
          }
          if (frame.type === 'exit' || (frame.type === 'status' && isFinalState(frame.state))) over = true;
          dispatch({ type: 'frame', frame });
        },
        onClose() {
          if (disposed || handle !== current) return;
          handle = null;
          dispatch({ type: 'lost' });
          if (!over) void recover();
        },
      });
      handle = current;
    }

    /** The socket closed while the session should still be alive: find out, then retry or stop. */
    async function recover(): Promise<void> {
      const answer = await api.session(sessionId);
      if (disposed) return;
      if (answer.ok && isFinalState(answer.value.state)) {
        dispatch({ type: 'ended', session: answer.value });
        return;
      }
      if (!answer.ok && answer.error.code === 'session_not_found') {
        dispatch({ type: 'gone' });
        return;
      }
      attempts += 1;
      retry = setTimeout(connect, reconnectDelay(attempts));
    }

    connect();
    return function detach() {
      disposed = true;
      clearTimeout(retry);
      resize.cancel();
      for (const listener of listeners) listener.dispose();
      handle?.close();
      handle = null;
    };
  }, [api, sessionId, terminal]);

  const dismissNotice = () => dispatch({ type: 'dismiss' });
  return [view, dismissNotice];
}
