// The standalone page's access token travels in the URL fragment (`#token=...`), which browsers
// never send to a server. It is read once, kept in sessionStorage so that a reload keeps working,
// and removed from the address bar so that it is not shared with a copied link or a screenshot.

export const TOKEN_STORAGE_KEY = 'cdebug.token';

export interface FragmentToken {
  token: string | null;
  /** the fragment without the token, '' when nothing else was in it */
  rest: string;
}

export function parseFragmentToken(hash: string): FragmentToken {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!/(^|&)token=/.test(body)) return { token: null, rest: hash };
  const params = new URLSearchParams(body);
  const token = params.get('token');
  params.delete('token');
  const others = params.toString();
  return { token: token === '' ? null : token, rest: others === '' ? '' : `#${others}` };
}

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The token from the fragment (then stored and removed from the address bar), else the stored one. */
export function takeAccessToken(env: TokenEnv): string | null {
  const { token, rest } = parseFragmentToken(env.location.hash);
  if (token === null) return readStored(env.sessionStorage);
  try {
    env.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage disabled: the token still works until the page is reloaded.
  }
  env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest}`);
  return token;
}

function readStored(storage: TokenEnv['sessionStorage']): string | null {
  try {
    return storage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
