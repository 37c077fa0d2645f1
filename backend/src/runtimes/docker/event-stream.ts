// Follows one engine's event stream (GET /events) for container events and hands each on as
// { id, action, labels }: the one reader of that stream, shared by the sessions' death watch
// (events.ts) and the live catalog (live.ts). The stream is re-opened when the engine drops it
// (a restart, a cut connection), every `retryMs` until it answers again; the caller hears each
// (re)open, since a gap may have hidden events, and each loss.

import type { Engine } from './api/connect.js';

export const RETRY_MS = 1000;

export interface EngineEvent {
  id: string;
  /** Docker's Action ("start", "die", ...), `status` on old engines */
  action: string;
  /** the container's labels, as the engine sends them with the event */
  labels: Record<string, string>;
}

export interface EventStreamHandlers {
  onEvent: (event: EngineEvent) => void;
  /** the stream is open (again): events from here on are seen */
  onOpen?: () => void;
  /** the stream was lost or could not be opened; it is retried */
  onLost?: (err: unknown) => void;
}

/** Splits a stream of newline-separated JSON into events; lines that are not events are skipped. */
export function eventReader(onEvent: (event: EngineEvent) => void): (chunk: Buffer | string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk.toString();
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline).trim();
      pending = pending.slice(newline + 1);
      const event = line ? parseEvent(line) : null;
      if (event) onEvent(event);
    }
  };
}

export function parseEvent(line: string): EngineEvent | null {
  try {
    const raw = JSON.parse(line) as { id?: string; Action?: string; status?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
    const id = raw.Actor?.ID ?? raw.id;
    const action = raw.Action ?? raw.status;
    if (typeof id !== 'string' || typeof action !== 'string') return null;
    return { id, action, labels: raw.Actor?.Attributes ?? {} };
  } catch {
    return null;
  }
}

/** `actions`: the engine filters to these (null: every container event); returns the stop */
export function followContainerEvents(engine: Engine, actions: string[] | null, handlers: EventStreamHandlers, retryMs = RETRY_MS): () => void {
  let stopped = false;
  let stream: (NodeJS.ReadableStream & { destroy?: () => void }) | null = null;
  let retry: NodeJS.Timeout | null = null;

  const lost = (err: unknown) => {
    if (stopped || retry) return;
    handlers.onLost?.(err);
    retry = setTimeout(() => void open(), retryMs);
  };

  const open = async (): Promise<void> => {
    retry = null;
    let events: NodeJS.ReadableStream & { destroy?: () => void };
    try {
      events = await engine.getEvents({ filters: { type: ['container'], ...(actions ? { event: actions } : {}) } });
    } catch (err) {
      lost(err);
      return;
    }
    if (stopped) {
      events.destroy?.();
      return;
    }
    stream = events;
    events.on('data', eventReader(handlers.onEvent));
    const closed = (err?: unknown) => {
      if (stream !== events) return;
      stream = null;
      lost(err ?? new Error('the engine closed its event stream'));
    };
    events.on('end', () => closed());
    events.on('close', () => closed());
    events.on('error', closed);
    handlers.onOpen?.();
  };
  void open();

  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    retry = null;
    const open = stream;
    stream = null;
    open?.destroy?.();
  };
}
