// The containers, filterable, each with a Debug button: running ones, or with the "All" chip
// stopped ones too, each with how it ended and when. The list comes from the live store; the
// filtered list is memoised and the table renders only the rows in view (ContainerTable);
// this component only presents it. With several engines, it names each container's engine,
// offers a picker by engine, and says which engines do not answer.

import { useCallback, useMemo, useState } from 'react';
import { Box, LinearProgress, Stack } from '@mui/material';
import { FilterCount, FilterField } from '../common/ListFilter';
import type { ContainerSummary, EngineStatus, ErrorInfo } from '@cdebug/contract';
import { EngineDown } from '../Engines/EngineDown';
import { ALL_ENGINES, EnginePicker } from '../Engines/EnginePicker';
import { ListError, NoContainers, NoMatch } from './EmptyStates';
import { countByEngine, filterContainers } from './filter';
import { ContainerTable } from './ContainerTable';
import { ScopeChips } from './ScopeChips';
import type { ContainerScope } from '../../hooks/containerScope';
import { useNow } from '../../hooks/useNow';

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
  const statusOf = useCallback((name: string | undefined) => engines.find((e) => e.name === name) ?? null, [engines]);

  return (
    <Stack spacing={2} sx={{ p: 3, minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <FilterField label="Filter containers" placeholder="Name, image, id, port or network" value={query} onChange={setQuery} />
        {onScope && <ScopeChips scope={scope} onScope={onScope} />}
        {several && <EnginePicker engines={engines} counts={counts} value={engine} onChange={setPicked} />}
        <FilterCount shown={shown.length} total={containers?.length ?? 0} noun={noun} />
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
        <ContainerTable
          shown={shown}
          label={scope === 'all' ? 'All containers' : 'Running containers'}
          several={several}
          statusOf={statusOf}
          onDebug={onDebug}
          now={now ?? clock}
        />
      )}
    </Stack>
  );
}
