// Which engine's containers the list shows: all of them, or one. Each entry says whether its
// engine answers and how many of its containers run; shown only when there is more than one.

import { ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { EngineStatus } from '@cdebug/contract';
import { EngineLabel } from './EngineLabel';

export const ALL_ENGINES = '';

interface Props {
  engines: EngineStatus[];
  /** running containers by engine name */
  counts: ReadonlyMap<string, number>;
  /** ALL_ENGINES or an engine's name */
  value: string;
  onChange: (value: string) => void;
}

export function EnginePicker({ engines, counts, value, onChange }: Props) {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  return (
    <ToggleButtonGroup
      exclusive
      size="small"
      value={value}
      onChange={(_, next: string | null) => {
        if (next !== null) onChange(next);
      }}
      aria-label="Engine"
    >
      <ToggleButton value={ALL_ENGINES} sx={{ textTransform: 'none', gap: 1 }}>
        All engines <Count n={total} />
      </ToggleButton>
      {engines.map((engine) => (
        <ToggleButton key={engine.name} value={engine.name} sx={{ textTransform: 'none', gap: 1 }}>
          <EngineLabel name={engine.name} status={engine} />
          {engine.reachable ? (
            <Count n={counts.get(engine.name) ?? 0} />
          ) : (
            <Typography variant="caption" color="error">
              unreachable
            </Typography>
          )}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

function Count({ n }: { n: number }) {
  return (
    <Typography component="span" variant="caption" color="text.secondary">
      {n}
    </Typography>
  );
}
