// Docker Desktop's own theme inside Desktop; elsewhere the standalone themes, following the
// operating system's colour scheme until the user picks one with the header's switch.

import { useMemo, useState, type ReactNode } from 'react';
import { DockerMuiV6ThemeProvider } from '@docker/docker-mui-theme';
import { ThemeProvider, createTheme, useMediaQuery, type PaletteMode } from '@mui/material';
import { COLOR_MODE_STORAGE_KEY, ColorModeContext, readStoredMode, type ColorMode } from './colorMode';
import { standaloneThemes } from './standaloneThemes';

export function AppThemeProvider({ desktop, children }: { desktop: boolean; children: ReactNode }) {
  if (desktop && typeof window.__ddMuiV6Themes === 'object') {
    return <DockerMuiV6ThemeProvider>{children}</DockerMuiV6ThemeProvider>;
  }
  return <StandaloneThemeProvider>{children}</StandaloneThemeProvider>;
}

export function StandaloneThemeProvider({ children }: { children: ReactNode }) {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  const [chosen, setChosen] = useState<PaletteMode | null>(() => readStoredMode(localStorage));
  const mode: PaletteMode = chosen ?? (prefersDark ? 'dark' : 'light');
  const theme = useMemo(() => createTheme(standaloneThemes[mode]), [mode]);

  const colorMode = useMemo<ColorMode>(
    () => ({
      mode,
      toggle() {
        const next = mode === 'dark' ? 'light' : 'dark';
        setChosen(next);
        try {
          localStorage.setItem(COLOR_MODE_STORAGE_KEY, next);
        } catch {
          // Storage disabled: the choice lasts until reload.
        }
      },
    }),
    [mode],
  );

  return (
    <ColorModeContext.Provider value={colorMode}>
      <ThemeProvider theme={theme}>{children}</ThemeProvider>
    </ColorModeContext.Provider>
  );
}
