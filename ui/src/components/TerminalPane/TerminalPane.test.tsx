// The way out of the terminal by keyboard (focusKeys.ts) with a real xterm in the page: Tab is
// the shell's until Ctrl+M, then it moves the focus; the toolbar says which, and toggles too.
import { useEffect } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TerminalPane } from './TerminalPane';
import { useXterm } from './useXterm';

function Harness({ typed }: { typed: string[] }) {
  const { ref, xterm } = useXterm({}, () => undefined);
  useEffect(() => {
    if (!xterm) return;
    const subscription = xterm.terminal.onData((data) => typed.push(data));
    xterm.terminal.focus();
    return () => subscription.dispose();
  }, [xterm, typed]);
  return <TerminalPane sessionId="s1" containerRef={ref} xterm={xterm} onClose={() => undefined} />;
}

async function shown() {
  const typed: string[] = [];
  const user = userEvent.setup();
  render(<Harness typed={typed} />);
  const terminal = screen.getByTestId('terminal');
  await waitFor(() => expect(terminal.contains(document.activeElement)).toBe(true));
  const toggle = screen.getByRole('button', { name: /Tab moves focus \(Ctrl\+M\)/ });
  return { typed, user, terminal, toggle };
}

/**
 * Tab as a browser sends it (user-event leaves keyCode 0, which xterm ignores): true when
 * nothing prevented its default, i.e. the browser moves the focus
 */
function pressTab(terminal: HTMLElement, shiftKey = false): boolean {
  const input = terminal.querySelector('textarea');
  if (!input) throw new Error('no xterm input');
  return fireEvent.keyDown(input, { key: 'Tab', code: 'Tab', keyCode: 9, shiftKey });
}

describe('TerminalPane: the way out by keyboard', () => {
  it('gives Tab to the shell by default, and says how to change that', async () => {
    const { typed, terminal, toggle } = await shown();
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(toggle).toHaveAccessibleDescription(/Ctrl\+M in the terminal .*Tab and Shift\+Tab move the focus out/);
    expect(pressTab(terminal)).toBe(false);
    expect(typed).toEqual(['\t']);
  });

  it('after Ctrl+M, Tab and Shift+Tab reach no shell and are left to the browser; Ctrl+M again gives Tab back', async () => {
    const { typed, user, terminal, toggle } = await shown();
    await user.keyboard('{Control>}m{/Control}');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'true'));
    expect(typed).toEqual([]); // Ctrl+M typed no carriage return
    expect(toggle).toHaveAccessibleDescription(/gives Tab back to the shell/);
    expect(pressTab(terminal)).toBe(true);
    expect(pressTab(terminal, true)).toBe(true);
    expect(typed).toEqual([]);

    await user.keyboard('{Control>}m{/Control}');
    await waitFor(() => expect(toggle).toHaveAttribute('aria-pressed', 'false'));
    expect(pressTab(terminal)).toBe(false);
    expect(typed).toEqual(['\t']);
  });

  it('toggles from the toolbar button too', async () => {
    const { user, terminal, typed, toggle } = await shown();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(pressTab(terminal)).toBe(true);
    expect(typed).toEqual([]);
  });
});
