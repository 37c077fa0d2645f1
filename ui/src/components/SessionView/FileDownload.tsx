// In a running session's details: download one path of the target (a directory comes as a tar),
// read through the session's sidecar, so a distroless target's files come too. Standalone, the
// page saves the bytes; in Docker Desktop, the service gives a one-time link that Desktop opens in
// the user's browser, which saves the file.

import { type FormEvent, useState } from 'react';
import { Alert, Box, Button, TextField, Typography } from '@mui/material';
import type { Session } from '@cdebug/contract';
import { useApi } from '../../api';
import { saveBlob } from '../Replay/download';

interface Props {
  session: Session;
}

/** the name to save under when the service gave none: the path's last part */
function fallbackName(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() || 'root';
}

export function FileDownload({ session }: Props) {
  const api = useApi();
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [handedOff, setHandedOff] = useState<string | null>(null);
  const absolute = path.startsWith('/');

  async function download(event: FormEvent) {
    event.preventDefault();
    if (!absolute || !api.file) return;
    setBusy(true);
    setError(null);
    setHandedOff(null);
    const answer = await api.file(session.id, path);
    setBusy(false);
    if (!answer.ok) setError(answer.error.message);
    else if (answer.value.kind === 'bytes') saveBlob(answer.value.file.blob, answer.value.file.fileName ?? fallbackName(path));
    else {
      api.openExternal(answer.value.url);
      setHandedOff(path);
    }
  }

  return (
    <Box component="form" aria-label="Download a file" onSubmit={(e) => void download(e)} sx={{ mt: 2 }}>
      <Typography variant="h3" gutterBottom>
        Files
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          size="small"
          label="Path in the target"
          placeholder="/etc/hosts"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          error={path !== '' && !absolute}
          helperText={path !== '' && !absolute ? 'An absolute path, starting with /' : 'A directory downloads as a tar'}
          sx={{ flex: 1 }}
        />
        <Button type="submit" variant="outlined" size="small" disabled={busy || !absolute} sx={{ mt: 0.5 }}>
          Download
        </Button>
      </Box>
      {handedOff && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {handedOff} opens in your browser, which saves it (the link works once, for a minute).
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
