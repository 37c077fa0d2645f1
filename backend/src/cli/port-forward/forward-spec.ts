// `-L [LOCAL_ADDR:]LOCAL_PORT:[REMOTE_HOST:]REMOTE_PORT` as ssh and kubectl take it, and the
// rule on where a forward may listen. Pure: the CLI plans every forward before it starts one.

import { fail, ok, type Result } from '../../contract/index.js';

export interface ForwardSpec {
  /** where the local listener binds */
  localAddress: string;
  /** 0: a free port, chosen when the listener starts */
  localPort: number;
  /** inside the target's network namespace */
  remoteHost: string;
  remotePort: number;
}

export const DEFAULT_LOCAL_ADDRESS = '127.0.0.1';
export const DEFAULT_REMOTE_HOST = '127.0.0.1';

/** a host name or an IPv4/IPv6 address: it is handed to `nc` as one argument, never to a shell,
 * and never starts with '-' (nc would read a flag) */
const HOST = /^[A-Za-z0-9:][A-Za-z0-9.:_-]{0,252}$/;

/** splits on ':' outside brackets, so that `[::1]:8080:80` has three parts */
export function splitSpec(text: string): string[] | null {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0 || parts.length === 0) {
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close < 0) return null;
      parts.push(rest.slice(1, close));
      rest = rest.slice(close + 1);
      if (rest.length === 0) break;
      if (!rest.startsWith(':')) return null;
      rest = rest.slice(1);
      if (rest.length === 0) return null;
      continue;
    }
    const colon = rest.indexOf(':');
    if (colon < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
    if (rest.length === 0) {
      parts.push('');
      break;
    }
  }
  return parts;
}

function port(text: string, allowZero: boolean): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return (allowZero ? n >= 0 : n >= 1) && n <= 65535 ? n : null;
}

export function parseForwardSpec(text: string, defaultLocalAddress = DEFAULT_LOCAL_ADDRESS): Result<ForwardSpec> {
  const usage = `-L ${text}: give [LOCAL_ADDR:]LOCAL_PORT:[REMOTE_HOST:]REMOTE_PORT, e.g. -L 8080:80, -L 8080:db:5432 or -L 80 (a free local port)`;
  const parts = splitSpec(text);
  if (!parts || parts.length > 4 || parts.some((p) => p === '')) return fail('bad_request', usage);
  let localAddress = defaultLocalAddress;
  let localPortText = '0';
  let remoteHost = DEFAULT_REMOTE_HOST;
  let remotePortText: string;
  if (parts.length === 1) [remotePortText] = parts as [string];
  else if (parts.length === 2) [localPortText, remotePortText] = parts as [string, string];
  else if (parts.length === 3) [localPortText, remoteHost, remotePortText] = parts as [string, string, string];
  else [localAddress, localPortText, remoteHost, remotePortText] = parts as [string, string, string, string];
  const localPort = port(localPortText, true);
  if (localPort === null) return fail('bad_request', `-L ${text}: the local port "${localPortText}" is not a port number (0-65535; 0 picks a free one)`);
  const remotePort = port(remotePortText, false);
  if (remotePort === null) return fail('bad_request', `-L ${text}: the remote port "${remotePortText}" is not a port number (1-65535)`);
  if (!HOST.test(remoteHost)) return fail('bad_request', `-L ${text}: "${remoteHost}" is not a host name or an IP address`);
  if (!HOST.test(localAddress)) return fail('bad_request', `-L ${text}: "${localAddress}" is not a local address to listen on`);
  return ok({ localAddress, localPort, remoteHost, remotePort });
}

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127(\.\d{1,3}){3}$/.test(address);
}

/**
 * Every -L checked, with `--address` (kubectl's flag) as the listeners' address when a spec
 * names none. A listener on anything but loopback opens the container's port to the network:
 * it must be asked for with --address, never by a -L alone.
 */
export function planForwards(specs: readonly string[], addresses: readonly string[]): Result<ForwardSpec[]> {
  if (specs.length === 0) return fail('bad_request', 'Say what to forward: -L [LOCAL_ADDR:]LOCAL_PORT:[REMOTE_HOST:]REMOTE_PORT (e.g. -L 8080:80)');
  for (const address of addresses) {
    if (!HOST.test(address)) return fail('bad_request', `--address ${address}: not an address to listen on (e.g. 127.0.0.1, 0.0.0.0)`);
  }
  const defaultAddress = addresses[0] ?? DEFAULT_LOCAL_ADDRESS;
  const planned: ForwardSpec[] = [];
  for (const text of specs) {
    const parsed = parseForwardSpec(text, defaultAddress);
    if (!parsed.ok) return parsed;
    const { localAddress } = parsed.value;
    if (!isLoopback(localAddress) && !addresses.includes(localAddress)) {
      return fail(
        'bad_request',
        `-L ${text}: listening on ${localAddress} opens the container's port to other machines; say so with --address ${localAddress}`,
      );
    }
    const twin = planned.find((p) => p.localPort !== 0 && p.localPort === parsed.value.localPort && p.localAddress === localAddress);
    if (twin) return fail('bad_request', `-L ${text}: the local port ${localAddress}:${twin.localPort} is given twice`);
    planned.push(parsed.value);
  }
  return ok(planned);
}
