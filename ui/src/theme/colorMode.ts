// The standalone page's colour-mode switch. Null inside Docker Desktop, whose own setting rules.

import { createContext, useContext } from 'react';
import type { PaletteMode } from '@mui/material';

export interface ColorMode {
  mode: PaletteMode;
  toggle: () => void;
}

export const ColorModeContext = createContext<ColorMode | null>(null);

export function useColorMode(): ColorMode | null {
  return useContext(ColorModeContext);
}

export const COLOR_MODE_STORAGE_KEY = 'cdebug.colorMode';

export function readStoredMode(storage: Pick<Storage, 'getItem'>): PaletteMode | null {
  try {
    const value = storage.getItem(COLOR_MODE_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}
