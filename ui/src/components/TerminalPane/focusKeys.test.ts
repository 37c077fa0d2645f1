import { describe, expect, it } from 'vitest';
import { judgeKey, type KeyLike } from './focusKeys';

const key = (over: Partial<KeyLike>): KeyLike => ({ key: '', code: '', ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...over });
const ctrlM = key({ key: 'm', code: 'KeyM', ctrlKey: true });
const tab = key({ key: 'Tab', code: 'Tab' });

describe('judgeKey (the way out of the terminal)', () => {
  it('toggles on Ctrl+M and Ctrl+Shift+M (VS Code on macOS), in either mode', () => {
    for (const mode of [false, true]) {
      expect(judgeKey(ctrlM, mode)).toBe('toggle');
      expect(judgeKey({ ...ctrlM, shiftKey: true, key: 'M' }, mode)).toBe('toggle');
    }
  });

  it('leaves M with Alt, Meta or no Ctrl to the terminal', () => {
    expect(judgeKey({ ...ctrlM, altKey: true }, false)).toBe('terminal');
    expect(judgeKey({ ...ctrlM, metaKey: true }, false)).toBe('terminal');
    expect(judgeKey(key({ key: 'm', code: 'KeyM' }), false)).toBe('terminal');
  });

  it('gives Tab and Shift+Tab to the shell until the mode is on, then to the browser', () => {
    expect(judgeKey(tab, false)).toBe('terminal');
    expect(judgeKey({ ...tab, shiftKey: true }, false)).toBe('terminal');
    expect(judgeKey(tab, true)).toBe('release');
    expect(judgeKey({ ...tab, shiftKey: true }, true)).toBe('release');
  });

  it('keeps Ctrl+Tab, Escape and ordinary keys with the terminal whatever the mode', () => {
    for (const mode of [false, true]) {
      expect(judgeKey({ ...tab, ctrlKey: true }, mode)).toBe('terminal');
      expect(judgeKey(key({ key: 'Escape', code: 'Escape' }), mode)).toBe('terminal');
      expect(judgeKey(key({ key: 'a', code: 'KeyA' }), mode)).toBe('terminal');
    }
  });
});
