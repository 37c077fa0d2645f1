// The terminal follows the page's theme: made with the theme of its first render, then given each
// new one without being rebuilt (its scrollback stays).
import { useEffect } from 'react';
import type { ITheme } from '@xterm/xterm';
import { describe, expect, it } from 'vitest';
import { render, waitFor } from '@testing-library/react';
import { useXterm, type Xterm } from './useXterm';

const DARK: ITheme = { background: '#000000', foreground: '#ffffff' };
const LIGHT: ITheme = { background: '#ffffff', foreground: '#000000' };

function Harness({ theme, seen }: { theme: ITheme; seen: Xterm[] }) {
  const { ref, xterm } = useXterm(theme, () => undefined);
  useEffect(() => {
    if (xterm && !seen.includes(xterm)) seen.push(xterm);
  }, [xterm, seen]);
  return <div ref={ref} />;
}

describe('useXterm: the theme', () => {
  it('starts with the theme it is given and takes a new one in the same terminal', async () => {
    const seen: Xterm[] = [];
    const { rerender } = render(<Harness theme={DARK} seen={seen} />);
    await waitFor(() => expect(seen).toHaveLength(1));
    const [xterm] = seen;
    expect(xterm?.terminal.options.theme).toMatchObject(DARK);

    rerender(<Harness theme={LIGHT} seen={seen} />);
    await waitFor(() => expect(xterm?.terminal.options.theme).toMatchObject(LIGHT));
    expect(seen).toHaveLength(1);
  });
});
