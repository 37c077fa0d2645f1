// The terminal element with its toolbar: search (Ctrl+Shift+F), copy (Ctrl+Shift+C), paste
// (Ctrl+Shift+V), the way out by keyboard (Ctrl+M: Tab moves focus, focusKeys.ts), close. The
// terminal itself comes from useXterm; the session's bytes from useAttachment; this component
// only lays them out and adds the keyboard shortcuts.

import { useEffect, useRef, useState } from 'react';
import { Box, Button, IconButton, Stack, ToggleButton, Tooltip } from '@mui/material';
import KeyboardTabIcon from '@mui/icons-material/KeyboardTab';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import ContentPasteIcon from '@mui/icons-material/ContentPaste';
import SearchIcon from '@mui/icons-material/Search';
import type { Terminal } from '@xterm/xterm';
import { judgeKey, TOGGLE_SHORTCUT } from './focusKeys';
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
  containerRef: (element: HTMLDivElement | null) => void;
  xterm: Xterm | null;
  onClose: () => void;
}

export function TerminalPane({ sessionId, containerRef, xterm, onClose }: Props) {
  const [searching, setSearching] = useState(false);
  const [tabMovesFocus, setTabMovesFocus] = useState(false);
  // the key handler is attached once per terminal: it reads the mode from here
  const tabMovesFocusRef = useRef(tabMovesFocus);
  useEffect(() => {
    tabMovesFocusRef.current = tabMovesFocus;
  }, [tabMovesFocus]);

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
      const verdict = judgeKey(event, tabMovesFocusRef.current);
      if (verdict === 'toggle') {
        event.preventDefault();
        if (event.type === 'keydown') setTabMovesFocus((on) => !on);
        return false;
      }
      // not the shell's, and not prevented: the browser moves the focus
      if (verdict === 'release') return false;
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
        <Tooltip
          describeChild
          title={
            tabMovesFocus
              ? `Tab and Shift+Tab move the focus out of the terminal. ${TOGGLE_SHORTCUT} in the terminal (or this button) gives Tab back to the shell.`
              : `${TOGGLE_SHORTCUT} in the terminal (or this button): Tab and Shift+Tab move the focus out of it, as in VS Code.`
          }
        >
          <ToggleButton
            value="tab-moves-focus"
            size="small"
            selected={tabMovesFocus}
            onChange={() => setTabMovesFocus((on) => !on)}
            sx={{ py: 0.25, px: 1, textTransform: 'none', border: 0 }}
          >
            <KeyboardTabIcon fontSize="small" sx={{ mr: 0.5 }} />
            Tab moves focus ({TOGGLE_SHORTCUT})
          </ToggleButton>
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
