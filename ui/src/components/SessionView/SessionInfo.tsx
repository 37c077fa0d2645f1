// Next to the terminal, what a debugging user wants to know about the target and the session:
// image, command, user, read-only root, PID and network namespaces, toolkit, state; for a copy of
// a stopped container, what it is a copy of and the original's last log lines.

import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';
import type { ContainerSummary, EngineStatus, Profile, Session, SessionState } from '@cdebug/contract';
import { ImageName } from '../common/ImageName';
import { ForwardButton } from '../Forwards/ForwardButton';
import { EngineLabel, engineStateWord } from '../Engines/EngineLabel';
import { describeNetworkMode, describePidMode, describeUser } from './describe';
import { OriginalLogs } from './OriginalLogs';
import { FileDownload } from './FileDownload';
import { ProfileHintLine } from './ProfileHintLine';
import { targetLabel } from '../../hooks/sessionTabs';

interface Props {
  session: Session;
  container: ContainerSummary | null;
  state: SessionState;
  /** the session's engine, when the service drives several (absent: no engine shown) */
  engine?: EngineStatus | null;
  /** opens the Debug dialog for this session's target with a profile chosen (absent: no target at hand) */
  onDebugWith?: ((profile: Profile) => void) | undefined;
}

const STATE_WORDS: Record<SessionState, string> = {
  pulling: 'pulling the toolkit image',
  starting: 'starting',
  running: 'running',
  exited: 'ended',
  failed: 'failed',
};

export function SessionInfo({ session, container, state, engine, onDebugWith }: Props) {
  return (
    <Paper variant="outlined" component="aside" aria-label="Session details" sx={{ p: 2, overflowY: 'auto', minHeight: 0 }}>
      <Typography variant="h3" gutterBottom>
        {session.mode === 'live' ? `Target ${session.target.name}` : capitalised(targetLabel(session))}
      </Typography>
      {session.mode === 'live' && container && <ForwardButton target={{ id: session.target.id, name: session.target.name, engine: session.engine }} />}
      {session.mode !== 'live' ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {session.mode === 'copy'
            ? `${session.target.name} is not running: this shell runs in a copy of it${session.copy ? ` (${session.copy.name})` : ''}. What you change stays in the copy; the original is not touched.`
            : `This shell runs in a new container made from the image${session.copy ? ` (${session.copy.name})` : ''}. What you change stays in it.`}
        </Typography>
      ) : container ? (
        <Fields>
          <Field label="Image">
            <ImageName image={container.image} />
          </Field>
          <Field label="Command">{container.command || '—'}</Field>
          <Field label="User">{describeUser(container.user)}</Field>
          <Field label="Root filesystem">{container.readOnly ? 'read-only (nothing is written to it)' : 'writable'}</Field>
          <Field label="PID namespace">{describePidMode(container.pidMode)}</Field>
          <Field label="Network">{describeNetworkMode(container.networkMode, container.networks)}</Field>
          {container.ports.length > 0 && <Field label="Ports">{container.ports.join(', ')}</Field>}
        </Fields>
      ) : (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          The target is not running now, so its details are not available.
        </Typography>
      )}
      <Typography variant="h3" gutterBottom sx={{ mt: 2 }}>
        Session
      </Typography>
      <Fields>
        {engine !== undefined && session.engine !== undefined && (
          <Field label="Engine">
            <EngineLabel name={session.engine} status={engine} />
            {engine && (
              <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                {engine.host} · {engineStateWord(engine)}
              </Typography>
            )}
          </Field>
        )}
        <Field label="Toolkit">
          <ImageName image={session.image} />
        </Field>
        <Field label="Shell">{session.cmd.length > 0 ? session.cmd.join(' ') : 'sh (default)'}</Field>
        <Field label="Runs as">{session.user ?? 'root'}</Field>
        {session.profile !== undefined && <Field label="Privileges">{session.profile}</Field>}
        {session.privileged && <Field label="Privileged">yes</Field>}
        <Field label="State">{STATE_WORDS[state]}</Field>
      </Fields>
      {session.hint && <ProfileHintLine hint={session.hint} onDebugWith={onDebugWith} />}
      {state === 'running' && <FileDownload session={session} />}
      {session.mode === 'copy' && <OriginalLogs id={session.target.id} name={session.target.name} engine={session.engine} />}
    </Paper>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function Fields({ children }: { children: ReactNode }) {
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: '7.5rem minmax(0, 1fr)', columnGap: 1.5, rowGap: 0.75 }}>
      {children}
    </Box>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: 'break-word' }}>
        {children}
      </Typography>
    </>
  );
}
