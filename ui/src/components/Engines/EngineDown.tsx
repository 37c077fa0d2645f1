// An engine that does not answer, said once above the list: its containers are missing from
// it for that reason (not because none runs), and the others are still listed.

import { Alert, AlertTitle } from '@mui/material';
import type { EngineStatus } from '@cdebug/contract';

export function EngineDown({ engine }: { engine: EngineStatus }) {
  return (
    <Alert severity="warning" role="alert" aria-label={`Engine ${engine.name} does not answer`}>
      <AlertTitle>
        Engine “{engine.name}” does not answer{engine.host ? ` (${engine.host})` : ''}
      </AlertTitle>
      {engine.error?.message ?? 'The service cannot reach it.'} Its containers are not listed until it answers again; this page keeps
      checking.
    </Alert>
  );
}
