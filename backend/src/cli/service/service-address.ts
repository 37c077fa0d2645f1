// Where `cdebug ps`, `attach` and `kill` find the service, and with what token. Pure.
// --server URL (or CDEBUG_SERVER), default http://127.0.0.1:7681, `cdebug serve`'s own default;
// the token from --token, else CDEBUG_TOKEN (the variable `cdebug serve` takes its token from),
// else the `#token=` fragment of the URL `cdebug serve` prints, which may be pasted whole.

import { fail, ok, type Result } from '../../contract/index.js';
import type { OptionSpec, OptionValues } from '../options.js';
import { str } from '../options.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../serve/serve.js';

export const serviceOptions: readonly OptionSpec[] = [
  {
    name: 'server',
    value: 'URL',
    env: 'CDEBUG_SERVER',
    description: `The service (\`cdebug serve\`): its URL, the one it printed with #token=... included (default http://${DEFAULT_HOST}:${DEFAULT_PORT})`,
  },
  { name: 'token', value: 'TOKEN', env: 'CDEBUG_TOKEN', description: "The service's access token (default: the URL's #token=)" },
];

export interface ServiceAddress {
  /** http(s)://host:port, no path */
  base: string;
  token: string | null;
  /** --server or CDEBUG_SERVER named it: a service that does not answer is an error, not "none runs" */
  explicit: boolean;
}

export function serviceAddress(values: OptionValues): Result<ServiceAddress> {
  const given = str(values.server);
  let url: URL;
  try {
    url = new URL(given ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`);
  } catch {
    return fail(
      'bad_request',
      `--server "${(given ?? '').slice(0, 100)}" is not a URL: give the one \`cdebug serve\` printed, e.g. http://127.0.0.1:7681/#token=...`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail('bad_request', `--server must be an http:// or https:// URL (got ${url.protocol}): the one \`cdebug serve\` printed`);
  }
  const fromFragment = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  const token = str(values.token) || fromFragment || null;
  return ok({ base: url.origin, token, explicit: given !== undefined });
}

/** the WebSocket URL of a route, with the token as the service takes it on upgrades */
export function webSocketUrl(address: ServiceAddress, path: string): string {
  const url = new URL(path, address.base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (address.token) url.searchParams.set('token', address.token);
  return url.toString();
}
