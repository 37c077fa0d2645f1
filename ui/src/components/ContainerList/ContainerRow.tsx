// One container in the list: its name and short id, engine, image, status, wiring, and the
// Debug (and, running, Forward) buttons. The table renders only the rows in view, so a row
// carries its index for the virtualiser to measure and for assistive tech (aria-rowindex).

import { forwardRef, memo } from 'react';
import { Box, Button, Chip, TableCell, TableRow, Typography } from '@mui/material';
import TerminalIcon from '@mui/icons-material/Terminal';
import type { ContainerSummary, EngineStatus } from '@cdebug/contract';
import { ForwardButton } from '../Forwards/ForwardButton';
import { EngineLabel } from '../Engines/EngineLabel';
import { ImageName } from '../common/ImageName';
import { shortId } from './filter';
import { containerStatus, isRunning } from '../../format/stopped';

export interface ContainerRowProps {
  container: ContainerSummary;
  onDebug: (container: ContainerSummary) => void;
  /** undefined: one engine, no column; null: an engine the service no longer reports */
  engine: EngineStatus | null | undefined;
  now: number;
  /** the row's place in the whole filtered list (0-based), not in the rendered window */
  index: number;
}

const Row = forwardRef<HTMLTableRowElement, ContainerRowProps>(function ContainerRow({ container: c, onDebug, engine, now, index }, ref) {
  const running = isRunning(c);
  const wiring = [...c.ports, ...c.networks.map((n) => `net: ${n}`)];
  const named = engine !== undefined && c.engine !== undefined;
  // the same name may run on two engines: the button says which one
  const label = named ? `Debug ${c.name} on ${c.engine}` : `Debug ${c.name}`;
  return (
    // +2: aria-rowindex is 1-based and the header is row 1
    <TableRow hover ref={ref} data-index={index} aria-rowindex={index + 2}>
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
});

/** memoised: scrolling re-renders the window, and rows whose props did not change stay as they are */
export const ContainerRow = memo(Row);
