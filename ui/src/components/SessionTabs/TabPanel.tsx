// A tab's panel. Hidden panels stay mounted: a session's terminal and socket live on while
// another tab is shown, and its screen is there, unchanged, when the user comes back.

import type { ReactNode } from 'react';
import { Box } from '@mui/material';
import { panelId, tabId } from './SessionTabs';

export function TabPanel({ value, current, children }: { value: string; current: string; children: ReactNode }) {
  const shown = value === current;
  return (
    <Box
      role="tabpanel"
      id={panelId(value)}
      aria-labelledby={tabId(value)}
      hidden={!shown}
      sx={{ display: shown ? 'flex' : 'none', flexDirection: 'column', height: '100%', minHeight: 0, overflow: 'auto' }}
    >
      {children}
    </Box>
  );
}
