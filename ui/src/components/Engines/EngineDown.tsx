// An engine that does not answer, said once above the list: its containers are missing from
// it for that reason (not because none runs), and the others are still listed.

import { Alert, AlertTitle } from '@mui/material';
import type { EngineStatus } from '@cdebug/contract';

export function EngineDown({ engine }: { engine: EngineStatus }) {
  const message = engine.error?.message ?? 'The service cannot reach it.';
  // the service's message usually names the address already
  const where = engine.host && !message.includes(engine.host) ? ` (${engine.host})` : '';
  return (
    <Alert severity="warning" role="alert" aria-label={`Engine ${engine.name} does not answer`}>
      <AlertTitle>
        Engine “{engine.name}” does not answer{where}
      </AlertTitle>
      {message} Its containers are not listed until it answers again; this page keeps checking.
    </Alert>
  );
}
