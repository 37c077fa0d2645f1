// User, command, shell and privileges: rarely needed, so folded away unless one is set.

import { useState } from 'react';
import { Accordion, AccordionDetails, AccordionSummary, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { Choices } from './choices';
import { ProfileField } from './ProfileField';
import { ShellField } from './ShellField';

interface Props {
  choices: Choices;
  onChange: (patch: Partial<Choices>) => void;
  commandProblem: string | null;
  /** open at first when an option is already set (remembered from last time) */
  defaultExpanded: boolean;
}

export function AdvancedOptions({ choices, onChange, commandProblem, defaultExpanded }: Props) {
  const [expanded, setExpanded] = useState(defaultExpanded);
  return (
    <Accordion expanded={expanded} onChange={(_, open) => setExpanded(open)} disableGutters variant="outlined">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="body2">Advanced options</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Stack spacing={2}>
          <TextField
            label="User"
            size="small"
            value={choices.user}
            onChange={(event) => onChange({ user: event.target.value })}
            placeholder="root"
            helperText="user or uid[:gid] to run as inside the target; empty runs as root."
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
          />
          <TextField
            label="Command"
            size="small"
            value={choices.command}
            onChange={(event) => onChange({ command: event.target.value })}
            placeholder="sh"
            error={commandProblem !== null}
            helperText={commandProblem ?? 'Runs instead of an interactive shell; quotes group words, nothing is expanded.'}
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
          />
          <ShellField shell={choices.shell} onChange={(shell) => onChange({ shell })} disabled={choices.command.trim() !== ''} />
          <FormControlLabel
            control={
              <Switch
                checked={choices.privileged}
                onChange={(event) => onChange({ privileged: event.target.checked })}
                slotProps={{ input: { role: 'switch' } }}
              />
            }
            label="Privileged (all capabilities, all devices: only when the tool needs it)"
          />
          <ProfileField profile={choices.profile} onChange={(profile) => onChange({ profile })} privileged={choices.privileged} />
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}
