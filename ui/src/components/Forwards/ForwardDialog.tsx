// "Forward a port": the container's listening ports (and its image's EXPOSE) as suggestions,
// or any port typed in; the forward listens on the service's loopback.

import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import type { ErrorInfo } from '@cdebug/contract';
import type { Forwards } from '../../hooks/useForwards';

export interface ForwardTarget {
  id: string;
  name: string;
  engine?: string | undefined;
}

interface Props {
  target: ForwardTarget;
  forwards: Forwards;
  onClose: () => void;
}

export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text.trim());
  return port >= 1 && port <= 65535 ? port : null;
}

export function ForwardDialog({ target, forwards, onClose }: Props) {
  const [suggested, setSuggested] = useState<number[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  // the stable lookup, not the whole forwards object: that changes at every poll of the list
  // (2 s), which would cancel a lookup slower than that (an engine round trip and a helper
  // container: seconds on a busy machine) before it answers, again and again
  const { ports } = forwards;
  useEffect(() => {
    let disposed = false;
    void ports(target.id, target.engine).then((answer) => {
      if (disposed) return;
      setSuggested(answer.ok ? answer.value.ports : []);
      if (answer.ok && answer.value.ports.length > 0) setText((t) => t || String(answer.value.ports[0]));
    });
    return function stopLoading() {
      disposed = true;
    };
  }, [ports, target.id, target.engine]);

  const port = parsePort(text);

  async function submit(): Promise<void> {
    if (port === null) return;
    setBusy(true);
    setError(null);
    const answer = await forwards.start({ target: target.id, remotePort: port, ...(target.engine ? { engine: target.engine } : {}) });
    setBusy(false);
    if (answer.ok) {
      forwards.open(answer.value);
      onClose();
    } else setError(answer.error);
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby="forward-dialog-title" maxWidth="xs" fullWidth>
      <DialogTitle id="forward-dialog-title">Forward a port of {target.name}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {suggested === null
            ? 'Looking for listening ports…'
            : suggested.length > 0
              ? 'Listening in the container:'
              : 'Nothing seems to listen yet: type a port.'}
        </Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mb: 2 }}>
          {(suggested ?? []).map((p) => (
            <Chip key={p} label={p} color={String(p) === text ? 'primary' : 'default'} onClick={() => setText(String(p))} aria-label={`Port ${p}`} />
          ))}
        </Box>
        <TextField
          label="Port in the container"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={text !== '' && port === null}
          helperText={text !== '' && port === null ? 'A port number, 1 to 65535' : 'Reached at 127.0.0.1 inside the container'}
          size="small"
          fullWidth
          autoFocus
          inputProps={{ inputMode: 'numeric' }}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={port === null || busy} onClick={() => void submit()}>
          Forward
        </Button>
      </DialogActions>
    </Dialog>
  );
}
