// Which shell a session without a command starts (the contract's `shell`): the default (`sh`,
// as before), or a choice the sidecar resolves in the target or the toolkit.

import { TextField } from '@mui/material';
import { SHELL_CHOICES, SHELL_DESCRIPTIONS, type ShellChoice } from '@cdebug/contract';

interface Props {
  shell: ShellChoice | '';
  onChange: (shell: ShellChoice | '') => void;
  /** a command runs instead of a shell: the choice does not apply */
  disabled: boolean;
}

export function ShellField({ shell, onChange, disabled }: Props) {
  const help = disabled ? 'A command runs instead of a shell.' : shell === '' ? 'sh, from the target or the toolkit.' : `${SHELL_DESCRIPTIONS[shell]}.`;
  return (
    <TextField
      select
      label="Shell"
      size="small"
      value={shell}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value as ShellChoice | '')}
      helperText={help}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      <option value="">default (sh)</option>
      {SHELL_CHOICES.map((choice) => (
        <option key={choice} value={choice}>
          {choice}
        </option>
      ))}
    </TextField>
  );
}
