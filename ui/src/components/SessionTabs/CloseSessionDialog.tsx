// Closing a live session's tab ends the shell and everything started in it: ask first.

import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { tabLabel, type SessionTab } from '../../hooks/sessionTabs';

interface Props {
  tab: SessionTab | null;
  onCancel: () => void;
  onConfirm: () => void;
}

export function CloseSessionDialog({ tab, onCancel, onConfirm }: Props) {
  return (
    <Dialog open={tab !== null} onClose={onCancel} aria-labelledby="close-session-title" aria-describedby="close-session-text">
      <DialogTitle id="close-session-title">End this session?</DialogTitle>
      <DialogContent>
        <DialogContentText id="close-session-text">
          {tab ? `${tabLabel(tab.session)}: ` : ''}the shell and every process started in it stop, and the debugging sidecar is removed. The target container is
          not affected.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          Keep it
        </Button>
        <Button variant="contained" color="error" onClick={onConfirm}>
          End session
        </Button>
      </DialogActions>
    </Dialog>
  );
}
