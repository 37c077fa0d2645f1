// What the list shows instead of rows: no containers yet, nothing matching the filter, or an
// engine that does not answer. Each one says what to do.

import { Box, Button, Paper, Typography } from '@mui/material';
import type { ErrorInfo } from '@cdebug/contract';
import { ErrorAlert } from '../common/ErrorAlert';

export function NoContainers({ all = false }: { all?: boolean }) {
  return (
    <Paper variant="outlined" sx={{ p: 3 }}>
      <Typography variant="h2" gutterBottom>
        {all ? 'No containers' : 'No running containers'}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {all
          ? 'The engine has no container, running or stopped. Create or run one and it appears here within a few seconds, for example:'
          : 'cdebug attaches to containers that are running. Start one and it appears here within a few seconds, for example:'}
      </Typography>
      <Box component="pre" sx={{ m: 0, mt: 1, p: 1.5, borderRadius: 1, bgcolor: 'action.hover', fontSize: 13, overflowX: 'auto' }}>
        docker run -d --name web nginx
      </Box>
    </Paper>
  );
}

export function NoMatch({ query, onClear, what = 'running container' }: { query: string; onClear: () => void; what?: string }) {
  return (
    <Paper variant="outlined" sx={{ p: 3, display: 'flex', alignItems: 'center', gap: 2 }}>
      <Typography variant="body2" sx={{ flex: 1 }}>
        No {what} matches “{query}”.
      </Typography>
      <Button onClick={onClear}>Clear filter</Button>
    </Paper>
  );
}

export function ListError({ error, onRetry }: { error: ErrorInfo; onRetry: () => void }) {
  return (
    <ErrorAlert
      error={error}
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Retry now
        </Button>
      }
    />
  );
}
