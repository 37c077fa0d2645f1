// The Debug dialog: choose the toolkit image (and, folded away, user, privileged, command), then
// start the session. Remembers the last choices. For a stopped container or an image it says that
// the shell runs in a new container (a copy, or one made from the image), and asks for an image
// session with `asImage`.

import { useState, type FormEvent } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import type { CreateSessionRequest, ErrorInfo, Profile, Result } from '@cdebug/contract';
import { type DebugTarget, isImageTarget, runsInCopy, targetRef } from '../../hooks/debugTarget';
import { useNow } from '../../hooks/useNow';
import { useToolkits } from '../../hooks/useToolkits';
import { containerStatus } from '../../format/stopped';
import { ErrorAlert } from '../common/ErrorAlert';
import { ImageName } from '../common/ImageName';
import { AdvancedOptions } from './AdvancedOptions';
import { DEFAULT_CHOICES, loadChoices, saveChoices, type Choices } from './choices';
import { NixeryPicker } from './NixeryPicker';
import { NIXERY_SHELL, nixeryPackages } from './nixery';
import { buildRequest, commandProblem, imageProblem } from './request';
import { ToolkitField } from './ToolkitField';

interface Props {
  /** a container, running or not, or an image */
  target: DebugTarget | null;
  onClose: () => void;
  onStart: (request: CreateSessionRequest) => Promise<Result<unknown>>;
  /** chosen for the user (a session's hint), over the remembered choice; privileged then off */
  profile?: Profile | null | undefined;
}

/** The default export: App loads this module lazily, after the first paint. */
export default function DebugDialog({ target, onClose, onStart, profile }: Props) {
  return (
    <Dialog open={target !== null} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="debug-dialog-title">
      {target && <DebugForm key={`${target.id}/${profile ?? ''}`} target={target} onClose={onClose} onStart={onStart} profile={profile} />}
    </Dialog>
  );
}

function DebugForm({ target, onClose, onStart, profile }: Props & { target: DebugTarget }) {
  const toolkits = useToolkits(target.engine);
  const now = useNow();
  const [choices, setChoices] = useState<Choices>(() => {
    const remembered = loadChoices(localStorage);
    return profile ? { ...remembered, profile, privileged: profile === 'sysadmin' && remembered.privileged } : remembered;
  });
  const [failure, setFailure] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<Choices>) => setChoices((c) => ({ ...c, ...patch }));

  const badImage = imageProblem(choices.image);
  const badCommand = commandProblem(choices.command);
  const packages = nixeryPackages(choices.image.trim());
  const advancedSet =
    choices.user !== DEFAULT_CHOICES.user ||
    choices.privileged ||
    choices.command !== DEFAULT_CHOICES.command ||
    choices.shell !== DEFAULT_CHOICES.shell ||
    choices.profile !== DEFAULT_CHOICES.profile;

  // onStart answers a Result, failures included, so nothing is left to catch
  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = buildRequest(targetRef(target), choices);
    if (!built.ok || busy) return;
    const request = isImageTarget(target) ? { ...built.request, asImage: true } : built.request;
    setBusy(true);
    setFailure(null);
    saveChoices(localStorage, choices);
    const answer = await onStart(request);
    setBusy(false);
    if (!answer.ok) setFailure(answer.error);
  }

  return (
    <Box component="form" onSubmit={(event) => void submit(event)} noValidate>
      <DialogTitle id="debug-dialog-title">
        {isImageTarget(target) ? `Debug image ${targetRef(target)}` : `Debug ${target.name}`}
        {!isImageTarget(target) && (
          <Typography variant="body2" color="text.secondary">
            <ImageName image={target.image} /> · {containerStatus(target, now)}
          </Typography>
        )}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {runsInCopy(target) && (
            <Typography variant="body2" color="text.secondary">
              {isImageTarget(target)
                ? 'The shell runs in a new container made from this image; what you change stays in it, and it is removed when the session ends.'
                : 'It is not running: the shell runs in a copy of it. The container itself, its files and its logs are not changed.'}
            </Typography>
          )}
          <ToolkitField
            image={choices.image}
            onChange={(image) => update({ image })}
            toolkits={toolkits.data ?? []}
            loading={toolkits.loading}
            problem={badImage}
          />
          {packages !== null ? (
            <NixeryPicker packages={packages} onChange={(image) => update({ image })} />
          ) : (
            <Box>
              <Button size="small" onClick={() => update({ image: NIXERY_SHELL })}>
                Compose an image from Nixery packages
              </Button>
            </Box>
          )}
          <AdvancedOptions choices={choices} onChange={update} commandProblem={badCommand} defaultExpanded={advancedSet} />
          {failure && <ErrorAlert error={failure} />}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="contained" disabled={busy || badImage !== null || badCommand !== null}>
          Start debugging
        </Button>
      </DialogActions>
    </Box>
  );
}
