// Under a session's details: download its recording (live or ended), and replay an ended one in
// the page. The player is loaded only when Replay is opened (ReplayDialog is lazy).

import { lazy, Suspense, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Paper, Typography } from '@mui/material';
import type { Session, SessionState } from '@cdebug/contract';
import { useApi } from '../../api';
import { RECORDING_TYPE, recordingFileName, saveText } from './download';

const ReplayDialog = lazy(() => import('./ReplayDialog'));

interface Props {
  session: Session;
  state: SessionState;
}

export function RecordingActions({ session, state }: Props) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const ended = state === 'exited' || state === 'failed';

  async function download() {
    setBusy(true);
    setError(null);
    const answer = await api.recording(session.id);
    setBusy(false);
    if (answer.ok) saveText(answer.value, recordingFileName(session.target.name, session.id), RECORDING_TYPE);
    else setError(answer.error.message);
  }

  return (
    <Paper variant="outlined" component="section" aria-label="Recording" sx={{ p: 2 }}>
      <Typography variant="h3" gutterBottom>
        Recording
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        What the session printed, with its timing (never what was typed), as an asciicast file.
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
        <Button variant="outlined" size="small" onClick={() => void download()} disabled={busy}>
          Download recording
        </Button>
        {ended && (
          <Button variant="contained" size="small" onClick={() => setReplaying(true)}>
            Replay
          </Button>
        )}
      </Box>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
      {replaying && (
        <Suspense fallback={<CircularProgress size={20} aria-label="Loading the player" sx={{ mt: 1.5 }} />}>
          <ReplayDialog session={session} onClose={() => setReplaying(false)} />
        </Suspense>
      )}
    </Paper>
  );
}
