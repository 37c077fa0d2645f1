// The containers, filterable, each with a Debug button: running ones, or with the "All" chip
// stopped ones too, each with how it ended and when. The list comes from useTargets (polled);
// this component only presents it. With several engines, it names each container's engine,
// offers a picker by engine, and says which engines do not answer.

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
import type { ContainerSummary, EngineStatus, ErrorInfo } from '@cdebug/contract';
import { EngineDown } from '../Engines/EngineDown';
import { ForwardButton } from '../Forwards/ForwardButton';
import { EngineLabel } from '../Engines/EngineLabel';
import { ALL_ENGINES, EnginePicker } from '../Engines/EnginePicker';
import { ListError, NoContainers, NoMatch } from './EmptyStates';
import { ImageName } from '../common/ImageName';
import { countByEngine, filterContainers, shortId } from './filter';
import { ScopeChips } from './ScopeChips';
import type { ContainerScope } from '../../hooks/containerScope';
import { useNow } from '../../hooks/useNow';
import { containerStatus, isRunning } from '../../format/stopped';

interface Props {
  containers: ContainerSummary[] | null;
  error: ErrorInfo | null;
  loading: boolean;
  onDebug: (container: ContainerSummary) => void;
  onRetry: () => void;
  /** the service's engines; the picker, the column and the warnings show with more than one */
  engines?: EngineStatus[];
  /** running containers only, or all; the chips show when the scope can be changed */
  scope?: ContainerScope;
  onScope?: (scope: ContainerScope) => void;
  /** now, for "3 min ago" (tests fix it) */
  now?: number;
}

export function ContainerList({ containers, error, loading, onDebug, onRetry, engines = [], scope = 'running', onScope, now }: Props) {
  const clock = useNow();
  const total = containers?.length ?? 0;
  const noun = scope === 'all' ? (total === 1 ? 'container' : 'containers') : 'running';
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState(ALL_ENGINES);
  const several = engines.length > 1;
  // a picked engine that is no longer configured falls back to all
  const engine = several && engines.some((e) => e.name === picked) ? picked : ALL_ENGINES;
  const onEngine = useMemo(() => (containers ?? []).filter((c) => engine === ALL_ENGINES || c.engine === engine), [containers, engine]);
  const shown = useMemo(() => filterContainers(onEngine, query), [onEngine, query]);
  const counts = useMemo(() => countByEngine(containers ?? []), [containers]);
  const down = several ? engines.filter((e) => !e.reachable && (engine === ALL_ENGINES || e.name === engine)) : [];
  const pickedDown = engine !== ALL_ENGINES && down.length > 0;
  const statusOf = (name: string | undefined) => engines.find((e) => e.name === name) ?? null;

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
        {onScope && <ScopeChips scope={scope} onScope={onScope} />}
        {several && <EnginePicker engines={engines} counts={counts} value={engine} onChange={setPicked} />}
        {containers && containers.length > 0 && (
          <Typography variant="body2" color="text.secondary" aria-live="polite">
            {shown.length === containers.length ? `${containers.length} ${noun}` : `${shown.length} of ${containers.length} ${noun}`}
          </Typography>
        )}
      </Box>

      {!error && down.map((e) => <EngineDown key={e.name} engine={e} />)}
      {error ? (
        <ListError error={error} onRetry={onRetry} />
      ) : containers === null ? (
        loading && <LinearProgress aria-label="Loading containers" />
      ) : pickedDown ? null : onEngine.length === 0 ? (
        <NoContainers all={scope === 'all'} />
      ) : shown.length === 0 ? (
        <NoMatch query={query} onClear={() => setQuery('')} what={scope === 'all' ? 'container' : 'running container'} />
      ) : (
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label={scope === 'all' ? 'All containers' : 'Running containers'}>
            <TableHead>
              <TableRow>
                <TableCell>Container</TableCell>
                {several && <TableCell>Engine</TableCell>}
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
                <ContainerRow
                  key={`${c.engine ?? ''}/${c.id}`}
                  container={c}
                  onDebug={onDebug}
                  engine={several ? statusOf(c.engine) : undefined}
                  now={now ?? clock}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
}

const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;

interface RowProps {
  container: ContainerSummary;
  onDebug: Props['onDebug'];
  /** undefined: one engine, no column; null: an engine the service no longer reports */
  engine: EngineStatus | null | undefined;
  now: number;
}

function ContainerRow({ container: c, onDebug, engine, now }: RowProps) {
  const running = isRunning(c);
  const wiring = [...c.ports, ...c.networks.map((n) => `net: ${n}`)];
  const named = engine !== undefined && c.engine !== undefined;
  // the same name may run on two engines: the button says which one
  const label = named ? `Debug ${c.name} on ${c.engine}` : `Debug ${c.name}`;
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
      {engine !== undefined && <TableCell>{c.engine !== undefined && <EngineLabel name={c.engine} status={engine} />}</TableCell>}
      <TableCell sx={{ wordBreak: 'break-word' }}>
        <ImageName image={c.image} />
      </TableCell>
      <TableCell>
        <Typography variant="body2" color={running ? 'text.primary' : 'text.secondary'}>
          {containerStatus(c, now)}
        </Typography>
      </TableCell>
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
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        {running && (
          <>
            <ForwardButton target={{ id: c.id, name: c.name, engine: c.engine }} />{' '}
          </>
        )}
        <Button
          variant={running ? 'contained' : 'outlined'}
          size="small"
          startIcon={<TerminalIcon />}
          aria-label={label}
          title={running ? undefined : 'Opens a shell in a copy of it: the container itself is not changed'}
          onClick={() => onDebug(c)}
        >
          Debug
        </Button>
      </TableCell>
    </TableRow>
  );
}
