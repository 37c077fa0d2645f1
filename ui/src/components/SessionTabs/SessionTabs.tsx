// The tab bar: the container list and the image list first, then one tab per session, named
// "<target> · <toolkit>" ("<target>@<engine> · <toolkit>" when the service drives several
// engines; the target reads "copy of <name>" or "image <ref>" for a stopped container or an image).
// A session tab closes with its × (mouse) or the Delete key (keyboard); the session view has a
// labelled Close button too.

import type { KeyboardEvent, MouseEvent } from 'react';
import { Box, Tab, Tabs } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { isFinalState, type SessionState } from '@cdebug/contract';
import { CONTAINERS_TAB, IMAGES_TAB, tabLabel, type SessionTab } from '../../hooks/sessionTabs';

export const tabId = (value: string) => `tab-${value}`;
export const panelId = (value: string) => `panel-${value}`;

interface Props {
  tabs: SessionTab[];
  /** CONTAINERS_TAB, IMAGES_TAB or a session id that has a tab */
  selected: string;
  onSelect: (value: string) => void;
  onClose: (id: string) => void;
  /** name each session's engine: the service drives more than one */
  showEngine?: boolean;
}

export function SessionTabs({ tabs, selected, onSelect, onClose, showEngine = false }: Props) {
  return (
    <Box sx={{ borderBottom: 1, borderColor: 'divider', px: 2 }}>
      <Tabs value={selected} onChange={(_, next: string) => onSelect(next)} variant="scrollable" scrollButtons="auto" aria-label="Containers and sessions">
        <Tab label="Containers" value={CONTAINERS_TAB} id={tabId(CONTAINERS_TAB)} aria-controls={panelId(CONTAINERS_TAB)} />
        <Tab label="Images" value={IMAGES_TAB} id={tabId(IMAGES_TAB)} aria-controls={panelId(IMAGES_TAB)} />
        {tabs.map(({ session }) => {
          const close = (event: MouseEvent) => {
            event.stopPropagation();
            onClose(session.id);
          };
          const closeByKey = (event: KeyboardEvent) => {
            if (event.key === 'Delete') {
              event.preventDefault();
              onClose(session.id);
            }
          };
          return (
            <Tab
              key={session.id}
              value={session.id}
              id={tabId(session.id)}
              aria-controls={panelId(session.id)}
              onKeyDown={closeByKey}
              title="Delete closes this session"
              sx={{ pr: 1 }}
              label={
                <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
                  <StateDot state={session.state} />
                  {tabLabel(session, showEngine)}
                  <CloseIcon aria-hidden fontSize="small" onClick={close} sx={{ borderRadius: 1, '&:hover': { bgcolor: 'action.hover' } }} />
                </Box>
              }
            />
          );
        })}
      </Tabs>
    </Box>
  );
}

function StateDot({ state }: { state: SessionState }) {
  const color = state === 'running' ? 'success.main' : isFinalState(state) ? (state === 'failed' ? 'error.main' : 'text.disabled') : 'warning.main';
  return <Box component="span" aria-hidden sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: color, flex: 'none' }} />;
}
