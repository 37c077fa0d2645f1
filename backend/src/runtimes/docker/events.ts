// Follows the engine's container `die` events, so that a session learns at once that its
// target stopped (even when its sidecar lives on, as when the target shares another
// container's PID namespace), and its `kill` events, so that a session can tell a sidecar
// killed from outside (docker kill, docker rm -f) from a command that ended. The event stream
// is re-opened if the engine drops it (a restart), every second until it answers again.

import type { Engine } from './api/connect.js';
import type { ContainerEvent } from '../port.js';

const RETRY_MS = 1000;

export function watchContainerDeaths(engine: Engine, onEvent: (containerId: string, event: ContainerEvent) => void): () => void {
  let stopped = false;
  let stream: NodeJS.ReadableStream | null = null;
  let retry: NodeJS.Timeout | null = null;

  const open = async (): Promise<void> => {
    retry = null;
    try {
      const events: NodeJS.ReadableStream & { destroy?: () => void } = await engine.getEvents({
        filters: { type: ['container'], event: ['die', 'kill'] },
      });
      if (stopped) {
        events.destroy?.();
        return;
      }
      stream = events;
      let pending = '';
      events.on('data', (chunk: Buffer | string) => {
        pending += chunk.toString();
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          if (!line) continue;
          try {
            const event = JSON.parse(line) as { id?: string; Action?: string; status?: string; Actor?: { ID?: string } };
            const id = event.Actor?.ID ?? event.id;
            const action = event.Action ?? event.status;
            if (id && (action === 'die' || action === 'kill')) onEvent(id, action);
          } catch {
            // not an event: ignore the line
          }
        }
      });
      const reopen = () => {
        if (stream === events) stream = null;
        if (!stopped && !retry) retry = setTimeout(() => void open(), RETRY_MS);
      };
      events.on('end', reopen);
      events.on('close', reopen);
      events.on('error', reopen);
    } catch {
      if (!stopped) retry = setTimeout(() => void open(), RETRY_MS);
    }
  };
  void open();

  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    retry = null;
    (stream as { destroy?: () => void } | null)?.destroy?.();
    stream = null;
  };
}
