// "Running / All": which containers the list shows. Two chips, one pressed, so that the choice
// reads at a glance and each is one click (and a keyboard press) away.

import { Chip, Stack } from '@mui/material';
import type { ContainerScope } from '../../hooks/containerScope';

const CHOICES: Array<{ scope: ContainerScope; label: string }> = [
  { scope: 'running', label: 'Running' },
  { scope: 'all', label: 'All' },
];

export function ScopeChips({ scope, onScope }: { scope: ContainerScope; onScope: (scope: ContainerScope) => void }) {
  return (
    <Stack direction="row" spacing={1} role="group" aria-label="Which containers to show">
      {CHOICES.map((choice) => {
        const pressed = choice.scope === scope;
        return (
          <Chip
            key={choice.scope}
            label={choice.label}
            color={pressed ? 'primary' : 'default'}
            variant={pressed ? 'filled' : 'outlined'}
            aria-pressed={pressed}
            onClick={() => onScope(choice.scope)}
          />
        );
      })}
    </Stack>
  );
}
