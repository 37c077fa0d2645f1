// The way out of the terminal by keyboard. A shell needs Tab (completion) and Escape (vi, less,
// readline), so xterm keeps both and a keyboard user could never leave it (WCAG 2.1.2, "No
// Keyboard Trap"). As in VS Code and Monaco, Ctrl+M toggles whether Tab and Shift+Tab move the
// focus (to the toolbar and the rest of the page) instead of reaching the shell. VS Code on macOS
// binds Ctrl+Shift+M for the same; both work here. The price: Ctrl+M no longer types a carriage
// return, which Enter does anyway. Pure: TerminalPane applies the verdict.

export type KeyVerdict =
  /** Ctrl+M: switch the mode; the key is ours */
  | 'toggle'
  /** Tab while Tab moves focus: not the shell's, and the browser moves the focus */
  | 'release'
  /** everything else: the terminal's, as usual */
  | 'terminal';

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey'>;

export const TOGGLE_SHORTCUT = 'Ctrl+M';

export function judgeKey(event: KeyLike, tabMovesFocus: boolean): KeyVerdict {
  if (event.code === 'KeyM' && event.ctrlKey && !event.altKey && !event.metaKey) return 'toggle';
  if (tabMovesFocus && event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey) return 'release';
  return 'terminal';
}
