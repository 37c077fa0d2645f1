// The page's layout: header, tabs (container list, image list, then one per session), and the dialogs.
// The behaviour lives in hooks (useTargets, useWorkspace); the parts in components/.

import { Suspense, lazy, useEffect } from 'react';
import { Box, CircularProgress, Typography } from '@mui/material';
import type { ContainerSummary, Profile } from '@cdebug/contract';
import { ContainerList } from './components/ContainerList/ContainerList';
import { ForwardsProvider } from './components/Forwards/context';
import { ForwardList } from './components/Forwards/ForwardList';
import { ImagesPanel } from './components/ImageList/ImagesPanel';
import { Header } from './components/Header/Header';
import { CloseSessionDialog } from './components/SessionTabs/CloseSessionDialog';
import { SessionTabs } from './components/SessionTabs/SessionTabs';
import { TabPanel } from './components/SessionTabs/TabPanel';
import { useContainerScope } from './hooks/containerScope';
import { CONTAINERS_TAB, IMAGES_TAB } from './hooks/sessionTabs';
import { useEngines } from './hooks/useEngines';
import { useTargets } from './hooks/useTargets';
import { useWorkspace } from './hooks/useWorkspace';

// Not in the first paint: the toolkit picker (fetched right after it) and xterm.js with
// everything around the terminal (fetched with the first session, or once the page is idle).
const loadSessionView = () => import('./components/SessionView/SessionView');
const SessionView = lazy(loadSessionView);
const DebugDialog = lazy(() => import('./components/ToolkitPicker/DebugDialog'));
const PREFETCH_AFTER_MS = 2000;

export function App() {
  const [scope, setScope] = useContainerScope();
  const targets = useTargets(undefined, scope);
  const engines = useEngines();
  const workspace = useWorkspace();
  // two engines may run containers of one id: the session's engine decides
  const targetOf = (id: string, engine: string | undefined) =>
    targets.containers?.find((c) => c.id === id && (engine === undefined || c.engine === undefined || c.engine === engine)) ?? null;
  // a session's hint opens the Debug dialog for its target again, with the profile it names
  const debugWith = (target: ContainerSummary | null) => (target ? (profile: Profile) => workspace.openDebug(target, profile) : undefined);
  useEffect(() => {
    const timer = setTimeout(() => void loadSessionView().catch(() => undefined), PREFETCH_AFTER_MS);
    return function cancelPrefetch() {
      clearTimeout(timer);
    };
  }, []);

  return (
    <ForwardsProvider>
      <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
        <Header />
        <SessionTabs
          tabs={workspace.tabs}
          selected={workspace.current}
          onSelect={workspace.select}
          onClose={workspace.requestClose}
          showEngine={engines.several}
        />
        <Box component="main" sx={{ flex: 1, minHeight: 0 }}>
          <TabPanel value={CONTAINERS_TAB} current={workspace.current}>
            <ForwardList />
            <ContainerList
              containers={targets.containers}
              error={targets.error}
              loading={targets.loading}
              onDebug={workspace.openDebug}
              onRetry={targets.refresh}
              engines={engines.list}
              scope={scope}
              onScope={setScope}
            />
          </TabPanel>
          <TabPanel value={IMAGES_TAB} current={workspace.current}>
            {workspace.current === IMAGES_TAB && <ImagesPanel onDebug={workspace.openDebug} showEngine={engines.several} />}
          </TabPanel>
          {workspace.tabs.map(({ session }) => (
            <TabPanel key={session.id} value={session.id} current={workspace.current}>
              <Suspense fallback={<TerminalLoading />}>
                <SessionView
                  key={session.id}
                  session={session}
                  container={targetOf(session.target.id, session.engine)}
                  {...(engines.several ? { engine: engines.byName(session.engine) } : {})}
                  active={workspace.current === session.id}
                  onRestart={() => workspace.restart(session.id)}
                  onClose={() => workspace.requestClose(session.id)}
                  onState={(state, detail) => workspace.report(session.id, state, detail)}
                  onDebugWith={debugWith(targetOf(session.target.id, session.engine))}
                />
              </Suspense>
            </TabPanel>
          ))}
        </Box>
        <Suspense fallback={null}>
          <DebugDialog target={workspace.debugTarget} profile={workspace.debugProfile} onClose={workspace.closeDebug} onStart={workspace.start} />
        </Suspense>
        <CloseSessionDialog tab={workspace.closing} onCancel={workspace.cancelClose} onConfirm={workspace.confirmClose} />
      </Box>
    </ForwardsProvider>
  );
}

function TerminalLoading() {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 3 }}>
      <CircularProgress size={20} />
      <Typography variant="body2">Loading the terminal…</Typography>
    </Box>
  );
}
