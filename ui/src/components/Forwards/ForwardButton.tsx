// The "Forward a port" button of a container row or a session's details, with its dialog.

import { useState } from 'react';
import { Button } from '@mui/material';
import { useForwardsContext } from './context';
import { ForwardDialog, type ForwardTarget } from './ForwardDialog';

export function ForwardButton({ target }: { target: ForwardTarget }) {
  const forwards = useForwardsContext();
  const [open, setOpen] = useState(false);
  if (!forwards?.supported) return null;
  return (
    <>
      <Button variant="outlined" size="small" aria-label={`Forward a port of ${target.name}`} onClick={() => setOpen(true)}>
        Forward a port
      </Button>
      {open && <ForwardDialog target={target} forwards={forwards} onClose={() => setOpen(false)} />}
    </>
  );
}
