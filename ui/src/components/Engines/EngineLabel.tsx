// An engine's name with a dot that says whether it answers: how the page names the engine of
// a container, a session or a picker entry when the service drives more than one.

import { Box } from '@mui/material';
import type { EngineStatus } from '@cdebug/contract';

interface Props {
  name: string;
  /** unknown (not yet polled, or no longer configured): a neutral dot */
  status: EngineStatus | null;
}

export function engineStateWord(status: EngineStatus | null): string {
  return status === null ? 'state unknown' : status.reachable ? 'answering' : 'not answering';
}

export function EngineDot({ status }: { status: EngineStatus | null }) {
  const color = status === null ? 'text.disabled' : status.reachable ? 'success.main' : 'error.main';
  return <Box component="span" aria-hidden sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: color, flex: 'none' }} />;
}

/** what the engine says it is, e.g. "Docker Engine 27.0.0" or "containerd (namespace k8s.io) 1.6.20": a
 * containerd engine reads one namespace, which its name alone may not say */
export function engineKind(status: EngineStatus | null): string | null {
  return status?.engine ? `${status.engine.name} ${status.engine.version}`.trim() : null;
}

export function EngineLabel({ name, status }: Props) {
  const kind = engineKind(status);
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}
      title={`Engine ${name}${kind ? ` (${kind})` : ''}: ${engineStateWord(status)}`}
    >
      <EngineDot status={status} />
      <span>{name}</span>
    </Box>
  );
}
