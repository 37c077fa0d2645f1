// The terminal's colours, derived from the MUI theme so that the terminal follows the light or
// dark mode of the page. Pure: the terminal pane applies the result to `terminal.options.theme`.

import { alpha, darken, hexToRgb, hslToRgb, lighten, rgbToHex, type Theme } from '@mui/material/styles';
import type { ITheme } from '@xterm/xterm';

/** Any CSS colour MUI understands, as #rrggbb (or #rrggbbaa): the form xterm parses everywhere. */
export function toHex(color: string): string {
  const rgb = color.startsWith('#') ? hexToRgb(color) : color.startsWith('hsl') ? hslToRgb(color) : color;
  return rgbToHex(rgb).toLowerCase();
}

interface Ansi {
  black: string;
  white: string;
  magenta: string;
  cyan: string;
}

const DARK_ANSI: Ansi = { black: '#2e3440', white: '#d8dee9', magenta: '#c678dd', cyan: '#56b6c2' };
const LIGHT_ANSI: Ansi = { black: '#1f2328', white: '#6e7781', magenta: '#a626a4', cyan: '#0184bc' };

export function xtermTheme(theme: Theme): ITheme {
  const { palette } = theme;
  const dark = palette.mode === 'dark';
  const ansi = dark ? DARK_ANSI : LIGHT_ANSI;
  const background = toHex(palette.background.default);
  const foreground = toHex(palette.text.primary);
  // Bright variants move away from the background: lighter on dark, darker on light.
  const bright = (color: string) => toHex(dark ? lighten(color, 0.25) : darken(color, 0.2));
  const red = toHex(palette.error.main);
  const green = toHex(palette.success.main);
  const yellow = toHex(palette.warning.main);
  const blue = toHex(palette.info.main);

  return {
    background,
    foreground,
    cursor: toHex(palette.primary.main),
    cursorAccent: background,
    selectionBackground: toHex(alpha(palette.primary.main, 0.35)),
    selectionInactiveBackground: toHex(alpha(palette.text.primary, 0.15)),
    black: ansi.black,
    red,
    green,
    yellow,
    blue,
    magenta: ansi.magenta,
    cyan: ansi.cyan,
    white: ansi.white,
    brightBlack: bright(ansi.black),
    brightRed: bright(red),
    brightGreen: bright(green),
    brightYellow: bright(yellow),
    brightBlue: bright(blue),
    brightMagenta: bright(ansi.magenta),
    brightCyan: bright(ansi.cyan),
    brightWhite: dark ? '#ffffff' : bright(ansi.white),
  };
}
