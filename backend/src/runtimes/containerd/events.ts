// containerd's task exits, as the port's container events: Events.Subscribe filtered to
// /tasks/exit in this namespace, each payload (an Any) decoded with the same protos. A lost
// stream is opened again, a little later each time, until the caller unsubscribes.

import type { ContainerdClient } from './client/connect.js';
import { protoRoot } from './client/definitions.js';
import type { Envelope } from './client/messages.js';
import type { ContainerEvent } from '../port.js';

export function watchTaskExits(client: ContainerdClient, onEvent: (containerId: string, event: ContainerEvent) => void): () => void {
  const aborter = new AbortController();
  const TaskExit = protoRoot().lookupType('containerd.events.TaskExit');
  const filter = `topic=="/tasks/exit",namespace=="${client.namespace}"`;
  void (async () => {
    let delay = 250;
    while (!aborter.signal.aborted) {
      try {
        for await (const envelope of client.stream<Envelope>('events', 'Subscribe', { filters: [filter] }, aborter.signal)) {
          delay = 250;
          if (!envelope.event) continue;
          const exit = TaskExit.toObject(TaskExit.decode(envelope.event.value)) as { containerId?: string; id?: string };
          // an exec's exit (the cleanup's) is not the container's
          if (exit.containerId && (!exit.id || exit.id === exit.containerId)) onEvent(exit.containerId, 'die');
        }
      } catch {
        // the stream was cut (containerd restarted, or the unsubscribe): open it again, unless asked not to
      }
      if (aborter.signal.aborted) return;
      await new Promise((r) => setTimeout(r, delay).unref());
      delay = Math.min(delay * 2, 5000);
    }
  })();
  return () => aborter.abort();
}
