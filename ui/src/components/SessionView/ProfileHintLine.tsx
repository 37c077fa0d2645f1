// The details panel's line after a command was refused for lack of a privilege (the session's
// `hint`, which the service reads in its output): which program, why, and the profile that would
// allow it, with a button that opens the Debug dialog for the same target with that profile chosen.
// It opens the dialog rather than starting at once: the user sees what the profile grants first.

import { Alert, Button, Typography } from '@mui/material';
import type { Profile, ProfileHint } from '@cdebug/contract';

interface Props {
  hint: ProfileHint;
  /** opens the Debug dialog with this profile; absent: the target is not at hand (an image, a gone container) */
  onDebugWith?: ((profile: Profile) => void) | undefined;
}

const EPERM = 'Operation not permitted';

/** why, in the program's words: EPERM's name when it says it, else its message without its name */
export function refusalReason(hint: ProfileHint): string {
  if (hint.message.includes(EPERM)) return EPERM;
  const prefix = `${hint.command}: `;
  return hint.message.startsWith(prefix) ? hint.message.slice(prefix.length) : hint.message;
}

export function hintSentence(hint: ProfileHint): string {
  return `${hint.command} was refused (${refusalReason(hint)}): debug again with the ${hint.profile} profile`;
}

export function ProfileHintLine({ hint, onDebugWith }: Props) {
  return (
    <Alert
      severity="info"
      role="status"
      aria-label="Profile hint"
      sx={{ mt: 2 }}
      action={
        onDebugWith && (
          <Button color="inherit" size="small" onClick={() => onDebugWith(hint.profile)}>
            Debug with {hint.profile}
          </Button>
        )
      }
    >
      {hintSentence(hint)}
      <Typography component="span" variant="caption" sx={{ display: 'block', fontFamily: 'monospace', wordBreak: 'break-word' }}>
        {hint.message} · needs {hint.capability}
      </Typography>
    </Alert>
  );
}
