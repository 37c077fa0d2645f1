// Compose a nixery.dev image from packages: the chosen packages become the image's path.

import { Autocomplete, Chip, TextField } from '@mui/material';
import { NIXERY_SUGGESTIONS, composeNixery } from './nixery';

interface Props {
  packages: string[];
  onChange: (image: string) => void;
}

export function NixeryPicker({ packages, onChange }: Props) {
  return (
    <Autocomplete
      multiple
      freeSolo
      options={[...NIXERY_SUGGESTIONS]}
      value={packages}
      onChange={(_, values) => onChange(composeNixery(values))}
      renderTags={(values, getTagProps) =>
        values.map((value, index) => {
          const { key, ...tagProps } = getTagProps({ index });
          return <Chip key={key} label={value} size="small" {...tagProps} />;
        })
      }
      renderInput={(params) => (
        <TextField
          {...params}
          label="Nixery packages"
          placeholder={packages.length === 0 ? 'htop, strace, curl… (Enter adds a name)' : ''}
          helperText="Nixery builds the image from these nixpkgs packages, on top of a shell."
        />
      )}
    />
  );
}
