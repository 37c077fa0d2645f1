// Rendering a component the way main.tsx does, with a given (fake) API and a chosen colour mode.

import type { ReactElement, ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { ThemeProvider, createTheme, type PaletteMode } from '@mui/material';
import type { CdebugApi } from '../api';
import { ApiProvider } from '../api';
import { NotificationsProvider } from '../components/Notifications/Notifications';
import { standaloneThemes } from '../theme/standaloneThemes';

export function Providers({ api, mode = 'light', children }: { api: CdebugApi; mode?: PaletteMode; children: ReactNode }) {
  return (
    <ApiProvider api={api}>
      <ThemeProvider theme={createTheme(standaloneThemes[mode])}>
        <NotificationsProvider>{children}</NotificationsProvider>
      </ThemeProvider>
    </ApiProvider>
  );
}

export function renderWithApi(ui: ReactElement, api: CdebugApi, mode: PaletteMode = 'light'): RenderResult {
  return render(ui, {
    wrapper: ({ children }) => (
      <Providers api={api} mode={mode}>
        {children}
      </Providers>
    ),
  });
}
