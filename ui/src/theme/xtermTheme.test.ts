import { describe, expect, it } from 'vitest';
import { createTheme } from '@mui/material';
import { standaloneThemes } from './standaloneThemes';
import { toHex, xtermTheme } from './xtermTheme';

const HEX = /^#[0-9a-f]{6}([0-9a-f]{2})?$/;

describe('toHex', () => {
  it('normalises the colour forms MUI produces to the hex xterm parses', () => {
    expect(toHex('#fff')).toBe('#ffffff');
    expect(toHex('#1D63ED')).toBe('#1d63ed');
    expect(toHex('rgb(29, 99, 237)')).toBe('#1d63ed');
    expect(toHex('rgba(29, 99, 237, 0.5)')).toBe('#1d63ed80');
    expect(toHex('hsl(0, 100%, 50%)')).toBe('#ff0000');
  });
});

describe('xtermTheme', () => {
  const light = xtermTheme(createTheme(standaloneThemes.light));
  const dark = xtermTheme(createTheme(standaloneThemes.dark));

  it('takes background, foreground and cursor from the MUI palette', () => {
    expect(light.background).toBe('#ffffff');
    expect(light.foreground).toBe('#17191e');
    expect(dark.background).toBe('#16171b');
    expect(dark.foreground).toBe('#e8eaee');
    expect(dark.cursor).toBe('#4e8cff');
    expect(dark.cursorAccent).toBe(dark.background);
  });

  it('maps the ANSI colours to the palette status colours', () => {
    expect(light.red).toBe('#c62828');
    expect(light.green).toBe('#2e7d32');
    expect(dark.red).toBe('#ff6b6b');
    expect(dark.blue).toBe('#5db2ff');
  });

  it('makes bright colours stand out from the background in each mode', () => {
    expect(dark.brightRed).not.toBe(dark.red);
    expect(light.brightRed).not.toBe(light.red);
    expect(dark.brightWhite).toBe('#ffffff');
  });

  it('gives every colour as hex, with a translucent selection', () => {
    for (const theme of [light, dark]) {
      for (const [key, value] of Object.entries(theme)) expect(value, key).toMatch(HEX);
      expect(theme.selectionBackground).toHaveLength(9);
    }
  });

  it('is pure: the same theme gives the same colours', () => {
    expect(xtermTheme(createTheme(standaloneThemes.dark))).toEqual(dark);
  });
});
