// Light and dark themes for the standalone page. Inside Docker Desktop the theme comes from
// Desktop itself (DockerMuiV6ThemeProvider reads window.__ddMuiV6Themes); outside it these stand
// in, close to Desktop's look: its blue, its greys, compact controls, no uppercase buttons.

import type { PaletteMode, ThemeOptions } from '@mui/material';

const shared: ThemeOptions = {
  shape: { borderRadius: 4 },
  typography: {
    fontFamily: 'Roboto, "Helvetica Neue", Arial, sans-serif',
    h1: { fontSize: '1.5rem', fontWeight: 500 },
    h2: { fontSize: '1.125rem', fontWeight: 500 },
    h3: { fontSize: '1rem', fontWeight: 500 },
    button: { textTransform: 'none', fontWeight: 500 },
  },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTab: { styleOverrides: { root: { textTransform: 'none', minHeight: 40 } } },
    MuiTabs: { styleOverrides: { root: { minHeight: 40 } } },
  },
};

export const standaloneThemes: Record<PaletteMode, ThemeOptions> = {
  light: {
    ...shared,
    palette: {
      mode: 'light',
      primary: { main: '#1d63ed', dark: '#0b3ea8', light: '#5b8df2', contrastText: '#ffffff' },
      secondary: { main: '#677285' },
      error: { main: '#c62828' },
      warning: { main: '#a15c00' },
      success: { main: '#2e7d32' },
      info: { main: '#0c62c6' },
      background: { default: '#ffffff', paper: '#f7f8fa' },
      text: { primary: '#17191e', secondary: '#505968' },
      divider: '#dde1e7',
    },
  },
  dark: {
    ...shared,
    palette: {
      mode: 'dark',
      primary: { main: '#4e8cff', dark: '#1d63ed', light: '#86b1ff', contrastText: '#0b0c0e' },
      secondary: { main: '#a9b2c1' },
      error: { main: '#ff6b6b' },
      warning: { main: '#f5b74f' },
      success: { main: '#5fcf7a' },
      info: { main: '#5db2ff' },
      background: { default: '#16171b', paper: '#202127' },
      text: { primary: '#e8eaee', secondary: '#a5acb9' },
      divider: '#353841',
    },
  },
};
