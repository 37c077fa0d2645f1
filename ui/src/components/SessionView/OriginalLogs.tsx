// For a session in a copy of a stopped container: the original's last log lines, since why it
// died is the first question. Read once; a stopped container writes no more.

import { Box, Button, CircularProgress, Typography } from '@mui/material';
import { LOG_TAIL_DEFAULT } from '@cdebug/contract';
import { useContainerLogs } from '../../hooks/useContainerLogs';

export function OriginalLogs({ id, name, engine }: { id: string; name: string; engine?: string | undefined }) {
  const logs = useContainerLogs(id, engine);
  const lines = logs.data?.lines ?? null;
  return (
    <Box component="section" aria-label={`Last log lines of ${name}`} sx={{ mt: 2 }}>
      <Typography variant="h3" gutterBottom>
        Last {LOG_TAIL_DEFAULT} log lines of {name}
      </Typography>
      {logs.error ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography variant="body2" color="error" sx={{ flex: 1 }}>
            The log could not be read: {logs.error.message}
          </Typography>
          <Button size="small" onClick={logs.refresh}>
            Try again
          </Button>
        </Box>
      ) : lines === null ? (
        <CircularProgress size={16} aria-label="Reading the log" />
      ) : lines.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          It wrote nothing to its log.
        </Typography>
      ) : (
        <Box
          component="pre"
          sx={{
            m: 0,
            p: 1,
            maxHeight: 320,
            overflow: 'auto',
            borderRadius: 1,
            bgcolor: 'action.hover',
            fontSize: 12,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {lines.join('\n')}
        </Box>
      )}
    </Box>
  );
}
