// The running forwards: each a link to where the service says a browser reaches it (its
// loopback listener standalone, http://f-ID.localhost:PORT/ through the extension's published
// port in Docker Desktop), opened in a new tab or through Desktop's browser hand-off; what it
// reaches, its byte counts, and a Stop button. Nothing when empty.

import { Box, Button, Link, Paper, Typography } from '@mui/material';
import { useForwardsContext } from './context';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

export function ForwardList() {
  const forwards = useForwardsContext();
  if (!forwards || forwards.list.length === 0) return null;
  return (
    <Paper variant="outlined" component="section" aria-label="Port forwards" sx={{ p: 1.5, mb: 2 }}>
      <Typography variant="h3" gutterBottom>
        Port forwards
      </Typography>
      {forwards.list.map((f) => (
        <Box key={f.id} sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', py: 0.5 }}>
          <Link
            href={f.url}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(e) => {
              e.preventDefault();
              forwards.open(f);
            }}
            sx={{ fontFamily: 'monospace' }}
          >
            {f.url}
          </Link>
          <Typography variant="body2">
            → {f.target.name}:{f.remotePort}
            {f.engine !== 'default' ? ` on ${f.engine}` : ''}
          </Typography>
          <Typography variant="caption" color="text.secondary" aria-label={`Bytes of ${f.target.name}:${f.remotePort}`}>
            ↑ {formatBytes(f.bytesIn)} ↓ {formatBytes(f.bytesOut)} · {f.connections} open
          </Typography>
          <Button size="small" color="warning" aria-label={`Stop forwarding ${f.target.name}:${f.remotePort}`} onClick={() => void forwards.stop(f.id)}>
            Stop
          </Button>
        </Box>
      ))}
    </Paper>
  );
}
