// One message per visible state of the session, above the terminal: pulling (with progress),
// starting, reconnecting, exited with its code, failed or target stopped (with what to do), and
// each ended state with a Restart session button.

import { useState } from 'react';
import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import type { ErrorInfo } from '@cdebug/contract';
import { ErrorAlert } from '../common/ErrorAlert';
import type { AttachView } from './attachView';
import { formatBytes, pullPercent } from './describe';

interface Props {
  view: AttachView;
  image: string;
  onRestart: () => Promise<void>;
  onDismissNotice: () => void;
}

export function StateBanner({ view, image, onRestart, onDismissNotice }: Props) {
  const [restarting, setRestarting] = useState(false);
  const restart = (
    <Button
      variant="contained"
      size="small"
      disabled={restarting}
      sx={{ whiteSpace: 'nowrap', flex: 'none' }}
      onClick={() => {
        setRestarting(true);
        void onRestart().finally(() => setRestarting(false));
      }}
    >
      Restart session
    </Button>
  );

  return (
    <>
      {view.notice && <ErrorAlert error={view.notice} severity="warning" onClose={onDismissNotice} />}
      <MainMessage view={view} image={image} restart={restart} />
    </>
  );
}

function MainMessage({ view, image, restart }: { view: AttachView; image: string; restart: JSX.Element }) {
  if (view.error && (view.state === 'failed' || view.state === 'exited' || view.gone)) {
    return <ErrorAlert error={view.error} severity={severityOf(view.error)} action={restart} />;
  }
  if (view.gone) {
    return (
      <Alert severity="info" role="status" action={restart}>
        This session has ended and the service no longer keeps it.
      </Alert>
    );
  }
  if (view.state === 'failed') {
    return <ErrorAlert error={{ code: 'sidecar_failed', message: 'The session failed to start.' }} action={restart} />;
  }
  if (view.state === 'exited') {
    return (
      <Alert severity="info" role="status" action={restart}>
        {view.exitCode === null ? 'The process has exited.' : `Process exited with code ${view.exitCode}`}
      </Alert>
    );
  }
  if (view.error) return <ErrorAlert error={view.error} />;
  if (view.state === 'pulling') return <PullProgressBar view={view} image={image} />;
  if (view.state === 'starting') {
    return (
      <Box>
        <Typography variant="body2" gutterBottom>
          Starting the debugging sidecar…
        </Typography>
        <LinearProgress aria-label="Starting the debugging sidecar" />
      </Box>
    );
  }
  if (view.connection === 'lost') {
    return (
      <Alert severity="warning" role="status">
        The connection to this session was lost; reconnecting…
      </Alert>
    );
  }
  return null;
}

function PullProgressBar({ view, image }: { view: AttachView; image: string }) {
  const percent = pullPercent(view.progress);
  const detail = view.progress && view.progress.total > 0 ? `${formatBytes(view.progress.current)} of ${formatBytes(view.progress.total)}` : '';
  const label = `Pulling ${image}`;
  return (
    <Box>
      <Typography variant="body2" gutterBottom>
        {label}…{detail && ` ${detail}`}
        {view.progress?.status && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            ({view.progress.status})
          </Typography>
        )}
      </Typography>
      {percent === null ? <LinearProgress aria-label={label} /> : <LinearProgress aria-label={label} variant="determinate" value={percent} />}
    </Box>
  );
}

function severityOf(error: ErrorInfo): 'warning' | 'error' {
  return error.code === 'target_stopped' ? 'warning' : 'error';
}
