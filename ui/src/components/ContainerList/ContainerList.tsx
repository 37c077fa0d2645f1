// The running containers, filterable, each with a Debug button. The list comes from useTargets
// (polled); this component only presents it.

import { useMemo, useState } from 'react';
import {
  Box,
  Button,
  Chip,
  InputAdornment,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import TerminalIcon from '@mui/icons-material/Terminal';
import type { ContainerSummary, ErrorInfo } from '@cdebug/contract';
import { ListError, NoContainers, NoMatch } from './EmptyStates';
import { filterContainers, shortId } from './filter';

interface Props {
  containers: ContainerSummary[] | null;
  error: ErrorInfo | null;
  loading: boolean;
  onDebug(container: ContainerSummary): void;
  onRetry(): void;
}

export function ContainerList({ containers, error, loading, onDebug, onRetry }: Props) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterContainers(containers ?? [], query), [containers, query]);

  return (
    <Stack spacing={2} sx={{ p: 3, minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <TextField
          label="Filter containers"
          placeholder="Name, image, id, port or network"
          size="small"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
          sx={{ width: 360, maxWidth: '100%' }}
        />
        {containers && containers.length > 0 && (
          <Typography variant="body2" color="text.secondary" aria-live="polite">
            {shown.length === containers.length ? `${containers.length} running` : `${shown.length} of ${containers.length} running`}
          </Typography>
        )}
      </Box>

      {error ? (
        <ListError error={error} onRetry={onRetry} />
      ) : containers === null ? (
        loading && <LinearProgress aria-label="Loading containers" />
      ) : containers.length === 0 ? (
        <NoContainers />
      ) : shown.length === 0 ? (
        <NoMatch query={query} onClear={() => setQuery('')} />
      ) : (
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label="Running containers">
            <TableHead>
              <TableRow>
                <TableCell>Container</TableCell>
                <TableCell>Image</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Ports and networks</TableCell>
                <TableCell align="right">
                  <Box component="span" sx={visuallyHidden}>
                    Actions
                  </Box>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((c) => (
                <ContainerRow key={c.id} container={c} onDebug={onDebug} />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}

const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;

function ContainerRow({ container: c, onDebug }: { container: ContainerSummary; onDebug: Props['onDebug'] }) {
  const wiring = [...c.ports, ...c.networks.map((n) => `net: ${n}`)];
  return (
    <TableRow hover>
      <TableCell>
        <Typography variant="body2" sx={{ fontWeight: 500 }}>
          {c.name}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: 'monospace' }}>
          {shortId(c.id)}
        </Typography>
      </TableCell>
      <TableCell sx={{ wordBreak: 'break-all' }}>{c.image}</TableCell>
      <TableCell>{c.status}</TableCell>
      <TableCell>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
          {wiring.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              none
            </Typography>
          ) : (
            wiring.map((w) => <Chip key={w} label={w} size="small" variant="outlined" />)
          )}
        </Box>
      </TableCell>
      <TableCell align="right">
        <Button variant="contained" size="small" startIcon={<TerminalIcon />} aria-label={`Debug ${c.name}`} onClick={() => onDebug(c)}>
          Debug
        </Button>
      </TableCell>
    </TableRow>
  );
}
