// One session: state message, terminal and details. Loaded lazily (with xterm.js) the first
// time a session tab opens, so that the container list paints without it.

import { useEffect, useMemo, useRef } from 'react';
import { Box } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import type { ContainerSummary, EngineStatus, ErrorInfo, Profile, Session, SessionState } from '@cdebug/contract';
import { useApi } from '../../api';
import { xtermTheme } from '../../theme/xtermTheme';
import { TerminalPane } from '../TerminalPane/TerminalPane';
import { useXterm } from '../TerminalPane/useXterm';
import { SessionInfo } from './SessionInfo';
import { RecordingActions } from '../Replay/RecordingActions';
import { StateBanner } from './StateBanner';
import { useAttachment } from './useAttachment';

export interface SessionViewProps {
  session: Session;
  /** the target as the container list shows it now; null when it is not running */
  container: ContainerSummary | null;
  /** the selected tab: its terminal takes the keyboard focus */
  active: boolean;
  onRestart: () => Promise<void>;
  onClose: () => void;
  onState: (state: SessionState, detail: { exitCode?: number; error?: ErrorInfo }) => void;
  /** the session's engine, given when the service drives several (null: not reported now) */
  engine?: EngineStatus | null;
  /** the Debug dialog for the same target with a profile chosen (absent: the target is not at hand) */
  onDebugWith?: ((profile: Profile) => void) | undefined;
}

export default function SessionView({ session, container, active, onRestart, onClose, onState, engine, onDebugWith }: SessionViewProps) {
  const api = useApi();
  const muiTheme = useTheme();
  const theme = useMemo(() => xtermTheme(muiTheme), [muiTheme]);
  const { ref, xterm } = useXterm(theme, api.openExternal);
  const [view, dismissNotice] = useAttachment(api, session, xterm?.terminal ?? null);

  useEffect(() => {
    if (active && xterm) xterm.terminal.focus();
  }, [active, xterm]);

  const onStateRef = useRef(onState);
  useEffect(() => {
    onStateRef.current = onState;
  }, [onState]);
  useEffect(() => {
    onStateRef.current(view.state, {
      ...(view.exitCode !== null ? { exitCode: view.exitCode } : {}),
      ...(view.error ? { error: view.error } : {}),
    });
  }, [view.state, view.exitCode, view.error]);

  return (
    <Box
      sx={{
        height: '100%',
        minHeight: 0,
        display: 'grid',
        gap: 2,
        p: 2,
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) 320px' },
        gridTemplateRows: { xs: 'minmax(0, 1fr) auto', md: 'minmax(0, 1fr)' },
      }}
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, minHeight: 0 }}>
        <StateBanner view={view} image={session.image} onRestart={onRestart} onDismissNotice={dismissNotice} />
        <TerminalPane sessionId={session.id} containerRef={ref} xterm={xterm} onClose={onClose} />
      </Box>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: 0 }}>
        <SessionInfo session={session} container={container} state={view.state} onDebugWith={onDebugWith} {...(engine !== undefined ? { engine } : {})} />
        <RecordingActions session={session} state={view.state} />
      </Box>
    </Box>
  );
}
