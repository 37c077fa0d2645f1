// The terminal element with its toolbar: search (Ctrl+Shift+F), copy (Ctrl+Shift+C), paste
// (Ctrl+Shift+V), close. The terminal itself comes from useXterm; the session's bytes from
// useAttachment; this component only lays them out and adds the keyboard shortcuts.

import { useEffect, useState } from 'react';
import { Box, Button, IconButton, Stack, Tooltip } from '@mui/material';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import ContentPasteIcon from '@mui/icons-material/ContentPaste';
import SearchIcon from '@mui/icons-material/Search';
import type { Terminal } from '@xterm/xterm';
import { SearchBox } from './SearchBox';
import type { Xterm } from './useXterm';

function copySelection(terminal: Terminal): void {
  const text = terminal.getSelection();
  if (text !== '') void navigator.clipboard?.writeText(text).catch(() => undefined);
}

/** Through term.paste, so that bracketed paste mode and line endings are handled as typed text is. */
function pasteInto(terminal: Terminal): void {
  void navigator.clipboard
    ?.readText()
    .then((text) => {
      terminal.paste(text);
      terminal.focus();
    })
    .catch(() => undefined);
}

interface Props {
  sessionId: string;
  containerRef(element: HTMLDivElement | null): void;
  xterm: Xterm | null;
  onClose(): void;
}

export function TerminalPane({ sessionId, containerRef, xterm, onClose }: Props) {
  const [searching, setSearching] = useState(false);

  const copy = () => xterm && copySelection(xterm.terminal);
  const paste = () => xterm && pasteInto(xterm.terminal);
  const closeSearch = () => {
    setSearching(false);
    xterm?.search.clearDecorations();
    xterm?.terminal.focus();
  };

  useEffect(() => {
    if (!xterm) return;
    xterm.terminal.attachCustomKeyEventHandler((event) => {
      if (!event.ctrlKey || !event.shiftKey || !['KeyF', 'KeyC', 'KeyV'].includes(event.code)) return true;
      // Ours, not the shell's nor the browser's (whose own Ctrl+Shift+V would paste a second time).
      event.preventDefault();
      if (event.type !== 'keydown') return false;
      if (event.code === 'KeyF') setSearching(true);
      else if (event.code === 'KeyC') copySelection(xterm.terminal);
      else pasteInto(xterm.terminal);
      return false;
    });
    return function detachKeys() {
      xterm.terminal.attachCustomKeyEventHandler(() => true);
    };
  }, [xterm]);

  return (
    <Stack spacing={1} sx={{ flex: 1, minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, minHeight: 40 }}>
        {searching && xterm ? (
          <SearchBox search={xterm.search} onClose={closeSearch} />
        ) : (
          <Tooltip title="Search (Ctrl+Shift+F)">
            <IconButton size="small" aria-label="Search in terminal" onClick={() => setSearching(true)} disabled={!xterm}>
              <SearchIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
        <Tooltip title="Copy selection (Ctrl+Shift+C)">
          <IconButton size="small" aria-label="Copy selection" onClick={copy} disabled={!xterm}>
            <ContentCopyIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title="Paste (Ctrl+Shift+V)">
          <IconButton size="small" aria-label="Paste" onClick={paste} disabled={!xterm}>
            <ContentPasteIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Box sx={{ flex: 1 }} />
        <Button size="small" variant="outlined" color="inherit" onClick={onClose}>
          Close session
        </Button>
      </Box>
      {/* The frame carries border and padding; FitAddon measures the unpadded element inside it. */}
      <Box sx={{ flex: 1, minHeight: 200, display: 'flex', borderRadius: 1, border: 1, borderColor: 'divider', bgcolor: 'background.default', p: 0.5 }}>
        <Box ref={containerRef} data-testid="terminal" data-session-id={sessionId} sx={{ flex: 1, minWidth: 0, minHeight: 0, overflow: 'hidden' }} />
      </Box>
    </Stack>
  );
}
