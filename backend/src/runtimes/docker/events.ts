// Follows the engine's container `die` events, so that a session learns at once that its
// target stopped (even when its sidecar lives on, as when the target shares another
// container's PID namespace), and its `kill` events, so that a session can tell a sidecar
// killed from outside (docker kill, docker rm -f) from a command that ended. The stream itself
// (reading, re-opening after a restart) is event-stream.ts's.

import type { Engine } from './api/connect.js';
import type { ContainerEvent } from '../port.js';
import { followContainerEvents } from './event-stream.js';

export function watchContainerDeaths(engine: Engine, onEvent: (containerId: string, event: ContainerEvent) => void): () => void {
  return followContainerEvents(engine, ['die', 'kill'], {
    onEvent: ({ id, action }) => {
      if (action === 'die' || action === 'kill') onEvent(id, action);
    },
  });
}
