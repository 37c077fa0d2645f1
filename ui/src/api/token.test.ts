import { describe, expect, it, vi } from 'vitest';
import { TOKEN_STORAGE_KEY, parseFragmentToken, takeAccessToken, type TokenEnv } from './token';

describe('parseFragmentToken', () => {
  it('reads the token and leaves nothing behind when it was alone', () => {
    expect(parseFragmentToken('#token=abc123')).toEqual({ token: 'abc123', rest: '' });
  });

  it('keeps the other fragment parameters', () => {
    expect(parseFragmentToken('#tab=2&token=abc&x=1')).toEqual({ token: 'abc', rest: '#tab=2&x=1' });
  });

  it('decodes an encoded token', () => {
    expect(parseFragmentToken('#token=a%2Bb%3D')).toEqual({ token: 'a+b=', rest: '' });
  });

  it('leaves a fragment without a token alone', () => {
    expect(parseFragmentToken('')).toEqual({ token: null, rest: '' });
    expect(parseFragmentToken('#/some/route')).toEqual({ token: null, rest: '#/some/route' });
    expect(parseFragmentToken('#mytoken=1')).toEqual({ token: null, rest: '#mytoken=1' });
  });

  it('treats an empty token as none', () => {
    expect(parseFragmentToken('#token=').token).toBeNull();
  });
});

function env(hash: string, stored: string | null = null): TokenEnv & { store: Map<string, string> } {
  const store = new Map<string, string>();
  if (stored !== null) store.set(TOKEN_STORAGE_KEY, stored);
  return {
    store,
    location: { hash, pathname: '/', search: '?x=1' },
    history: { state: null, replaceState: vi.fn() },
    sessionStorage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
  };
}

describe('takeAccessToken', () => {
  it('keeps the fragment token for reloads and removes it from the address bar', () => {
    const e = env('#token=secret');
    expect(takeAccessToken(e)).toBe('secret');
    expect(e.store.get(TOKEN_STORAGE_KEY)).toBe('secret');
    expect(e.history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1');
  });

  it('uses the stored token after a reload', () => {
    const e = env('', 'kept');
    expect(takeAccessToken(e)).toBe('kept');
    expect(e.history.replaceState).not.toHaveBeenCalled();
  });

  it('prefers a new fragment token over the stored one', () => {
    const e = env('#token=new', 'old');
    expect(takeAccessToken(e)).toBe('new');
    expect(e.store.get(TOKEN_STORAGE_KEY)).toBe('new');
  });

  it('answers null when there is no token anywhere', () => {
    expect(takeAccessToken(env(''))).toBeNull();
  });
});
