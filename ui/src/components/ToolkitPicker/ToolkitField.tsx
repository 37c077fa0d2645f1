// The toolkit image: pick a preset or an image already on the engine (marked Local: no
// download), or type any image reference, checked as you type. The suggestions open where they
// leave the dialog's buttons uncovered (listPlacement.ts).

import { useMemo, useRef, useState, type HTMLAttributes, type Key } from 'react';
import { Autocomplete, Box, Chip, TextField, Typography, createFilterOptions } from '@mui/material';
import type { Toolkit } from '@cdebug/contract';
import { listPlacement, type ListPlacement } from './listPlacement';

interface Props {
  image: string;
  onChange: (image: string) => void;
  toolkits: Toolkit[];
  loading: boolean;
  problem: string | null;
}

const GROUP_PRESETS = 'Presets';
const GROUP_LOCAL = 'Already on this engine';

/** measured when the list opens: the input box, and the bottom of the dialog content it sits in */
function measure(wrapper: HTMLElement): ListPlacement {
  const field = (wrapper.querySelector('.MuiInputBase-root') ?? wrapper).getBoundingClientRect();
  // the dialog's buttons start where its content ends; outside a dialog, the window is the limit
  const content = wrapper.closest('.MuiDialogContent-root');
  const viewportHeight = window.innerHeight;
  return listPlacement({
    field: { top: field.top, bottom: field.bottom },
    limitBottom: content ? content.getBoundingClientRect().bottom : viewportHeight,
    viewportHeight,
  });
}

export function ToolkitField({ image, onChange, toolkits, loading, problem }: Props) {
  const byImage = useMemo(() => new Map(toolkits.map((t) => [t.image, t])), [toolkits]);
  // Presets first, then local images, each group in the service's order (groupBy needs them adjacent).
  const options = useMemo(() => [...toolkits.filter((t) => t.preset), ...toolkits.filter((t) => !t.preset)].map((t) => t.image), [toolkits]);
  const filter = useMemo(
    () =>
      createFilterOptions<string>({
        stringify: (option) => {
          const t = byImage.get(option);
          return t ? `${t.image} ${t.title} ${t.description}` : option;
        },
      }),
    [byImage],
  );
  const wrapper = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<ListPlacement | null>(null);
  const chosen = byImage.get(image.trim());
  const helper = problem ?? (chosen?.local ? 'On this engine: starts without a download.' : 'Pulled from its registry if it is not on this engine yet.');

  return (
    <Box ref={wrapper}>
      <Autocomplete
        freeSolo
        forcePopupIcon
        options={options}
        loading={loading}
        value={image}
        inputValue={image}
        onOpen={() => setPlace(wrapper.current ? measure(wrapper.current) : null)}
        onInputChange={(_, value) => onChange(value)}
        onChange={(_, value) => onChange(typeof value === 'string' ? value : '')}
        groupBy={(option) => (byImage.get(option)?.preset ? GROUP_PRESETS : GROUP_LOCAL)}
        // The full list while the field shows one of its entries; filtered once the user types.
        filterOptions={(all, state) => (byImage.has(state.inputValue) ? all : filter(all, state))}
        // MUI types the item's key `any`; it is the option's label (a string), and React wants it
        // passed on its own rather than spread with the other props.
        renderOption={(props: HTMLAttributes<HTMLLIElement> & { key: Key }, option) => {
          const { key, ...rest } = props;
          const t = byImage.get(option);
          return (
            <Box component="li" key={key} {...rest} sx={{ display: 'block !important' }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Typography variant="body2" sx={{ fontWeight: 500 }}>
                  {t?.title ?? option}
                </Typography>
                {t?.local && <Chip label="Local, no download" size="small" color="success" variant="outlined" />}
              </Box>
              {t?.description && (
                <Typography variant="caption" color="text.secondary" component="div">
                  {t.description}
                </Typography>
              )}
              <Typography variant="caption" color="text.secondary" component="div" sx={{ fontFamily: 'monospace' }}>
                {option}
              </Typography>
            </Box>
          );
        }}
        // The list gets its own name, so that "Toolkit image" names one control: the text field.
        slotProps={{
          listbox: { 'aria-labelledby': undefined, 'aria-label': 'Suggested toolkits', ...(place && { style: { maxHeight: place.maxHeight } }) },
          // our placement, not Popper's flip: the height was chosen for it
          popper: place ? { placement: place.placement, modifiers: [{ name: 'flip', enabled: false }] } : {},
        }}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Toolkit image"
            required
            error={problem !== null}
            helperText={helper}
            slotProps={{ htmlInput: { ...params.inputProps, spellCheck: false, autoCapitalize: 'off' } }}
          />
        )}
      />
    </Box>
  );
}
