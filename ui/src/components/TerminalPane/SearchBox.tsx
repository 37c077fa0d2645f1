// Search in the terminal's scrollback: Enter finds the next match, Shift+Enter the previous one,
// Escape closes the box and gives the focus back to the terminal.

import { useState, type KeyboardEvent } from 'react';
import { Box, IconButton, TextField, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import KeyboardArrowDownIcon from '@mui/icons-material/KeyboardArrowDown';
import KeyboardArrowUpIcon from '@mui/icons-material/KeyboardArrowUp';
import type { SearchAddon } from '@xterm/addon-search';

interface Props {
  search: SearchAddon;
  onClose: () => void;
}

export function SearchBox({ search, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [missed, setMissed] = useState(false);

  const find = (direction: 'next' | 'previous', text = query, incremental = false) => {
    if (text === '') {
      search.clearDecorations();
      setMissed(false);
      return;
    }
    const found = direction === 'next' ? search.findNext(text, { incremental }) : search.findPrevious(text);
    setMissed(!found);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      find(event.shiftKey ? 'previous' : 'next');
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  };

  return (
    <Box role="search" sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
      <TextField
        label="Search terminal"
        size="small"
        autoFocus
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          find('next', event.target.value, true);
        }}
        onKeyDown={onKeyDown}
        sx={{ width: 220 }}
      />
      <Typography variant="caption" color="text.secondary" aria-live="polite" sx={{ minWidth: 56 }}>
        {missed ? 'No match' : ''}
      </Typography>
      <IconButton size="small" aria-label="Previous match" onClick={() => find('previous')}>
        <KeyboardArrowUpIcon fontSize="small" />
      </IconButton>
      <IconButton size="small" aria-label="Next match" onClick={() => find('next')}>
        <KeyboardArrowDownIcon fontSize="small" />
      </IconButton>
      <IconButton size="small" aria-label="Close search" onClick={onClose}>
        <CloseIcon fontSize="small" />
      </IconButton>
    </Box>
  );
}
