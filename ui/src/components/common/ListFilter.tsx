// The filter field above a list (containers, images) and the count beside it that says how many
// the filter leaves ("3 of 12 containers"), read out politely to screen readers.

import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import SearchIcon from '@mui/icons-material/Search';

interface FieldProps {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

export function FilterField({ label, placeholder, value, onChange }: FieldProps) {
  return (
    <TextField
      label={label}
      placeholder={placeholder}
      size="small"
      value={value}
      onChange={(event) => onChange(event.target.value)}
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
  );
}

/** "N things", or "shown of N things" while a filter hides some; nothing for an empty list */
export function FilterCount({ shown, total, noun }: { shown: number; total: number; noun: string }) {
  if (total === 0) return null;
  return (
    <Typography variant="body2" color="text.secondary" aria-live="polite">
      {shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`}
    </Typography>
  );
}
