// The table of containers, rendering only the rows in view (plus a few either side) so that a
// thousand containers cost what twenty do: @tanstack/react-virtual computes the window from the
// scroll position and each rendered row's measured height; two spacer rows, hidden from
// assistive tech, stand for the rows above and below it, so the table keeps its real <table>
// semantics, MUI look and column widths. aria-rowcount tells screen readers the true length.

import { useCallback, useRef } from 'react';
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ContainerSummary, EngineStatus } from '@cdebug/contract';
import { ContainerRow } from './ContainerRow';

interface Props {
  shown: readonly ContainerSummary[];
  label: string;
  /** several engines: an Engine column */
  several: boolean;
  statusOf: (engine: string | undefined) => EngineStatus | null;
  onDebug: (container: ContainerSummary) => void;
  now: number;
}

/** a small-table row with a name and an id line; rows are measured once rendered */
const ESTIMATED_ROW_PX = 53;
/** rows rendered beyond the window either side: Tab to the next Debug button finds it there */
const OVERSCAN = 10;

export function ContainerTable({ shown, label, several, statusOf, onDebug, now }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const keyOf = useCallback((i: number) => `${shown[i]?.engine ?? ''}/${shown[i]?.id ?? i}`, [shown]);
  // the virtualiser's functions change identity as it scrolls: it re-renders this component
  // itself, which is what we want; the rows below are memoised on their own props
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    getItemKey: keyOf,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.at(0);
  const last = items.at(-1);
  const above = first?.start ?? 0;
  const below = last ? virtualizer.getTotalSize() - last.end : 0;
  const columns = several ? 6 : 5;

  return (
    <TableContainer
      ref={scroller}
      data-testid="container-scroller"
      // the list scrolls inside the page, below the filter: its own scroll drives the window
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, maxHeight: 'calc(100vh - 190px)', minHeight: 160, overflow: 'auto' }}
    >
      <Table size="small" stickyHeader aria-label={label} aria-rowcount={shown.length + 1}>
        <TableHead>
          <TableRow aria-rowindex={1}>
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
          {above > 0 && <Spacer height={above} columns={columns} />}
          {items.map((item) => {
            const c = shown[item.index];
            if (!c) return null; // the list shrank between the virtualiser's count and this render
            return (
              <ContainerRow
                key={item.key}
                ref={virtualizer.measureElement}
                index={item.index}
                container={c}
                onDebug={onDebug}
                engine={several ? statusOf(c.engine) : undefined}
                now={now}
              />
            );
          })}
          {below > 0 && <Spacer height={below} columns={columns} />}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" style={{ height }}>
      <td colSpan={columns} style={{ padding: 0, border: 0 }} />
    </tr>
  );
}

const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;
