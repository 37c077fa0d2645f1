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

export function EngineLabel({ name, status }: Props) {
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }} title={`Engine ${name}: ${engineStateWord(status)}`}>
      <EngineDot status={status} />
      <span>{name}</span>
    </Box>
  );
}
