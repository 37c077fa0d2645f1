// Reads the listening TCP sockets out of /proc/net/tcp and /proc/net/tcp6 as a process in the
// target's network namespace sees them. Pure: the text in, the ports out.
//
// Each line after the header is "sl local_address rem_address st ...", where local_address is
// ADDR:PORT in hex: ADDR is the address as the kernel stores it (32-bit words in host byte
// order, little-endian on every machine cdebug runs on), PORT is big-endian. State 0A is LISTEN.

export interface ListeningSocket {
  /** the address it listens on, e.g. "127.0.0.1", "0.0.0.0", "::", "::1" */
  address: string;
  port: number;
}

const LISTEN = '0A';

function wordToIpv4(hex: string): string {
  // one little-endian 32-bit word: the last byte pair is the first octet
  const bytes = [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return bytes.join('.');
}

function ipv6(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (const i of [6, 4, 2, 0]) bytes.push(parseInt(word.slice(i, i + 2), 16));
  }
  // an IPv4-mapped address (::ffff:a.b.c.d) reads as the IPv4 one
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  return compressIpv6(groups);
}

/** the longest run of zero groups (two or more) becomes "::", as RFC 5952 writes it */
function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function decodeAddress(hex: string): string | null {
  if (/^[0-9A-Fa-f]{8}$/.test(hex)) return wordToIpv4(hex);
  if (/^[0-9A-Fa-f]{32}$/.test(hex)) return ipv6(hex);
  return null;
}

/** the listening sockets in the text of /proc/net/tcp, tcp6 or both one after the other; header lines and anything malformed are skipped */
export function parseListeningSockets(text: string): ListeningSocket[] {
  const found: ListeningSocket[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || !/^\d+:$/.test(fields[0] ?? '')) continue;
    if ((fields[3] ?? '').toUpperCase() !== LISTEN) continue;
    const [addressHex = '', portHex = ''] = (fields[1] ?? '').split(':');
    const address = decodeAddress(addressHex);
    if (address === null || !/^[0-9A-Fa-f]{4}$/.test(portHex)) continue;
    const port = parseInt(portHex, 16);
    if (port === 0) continue;
    const key = `${address} ${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push({ address, port });
  }
  return found.sort((a, b) => a.port - b.port || a.address.localeCompare(b.address));
}

/** the distinct ports, ascending */
export function listeningPorts(sockets: readonly ListeningSocket[]): number[] {
  return [...new Set(sockets.map((s) => s.port))].sort((a, b) => a - b);
}

/** `Config.ExposedPorts` keys ("8080/tcp", "53/udp") → the TCP ports, ascending */
export function exposedTcpPorts(exposed: Readonly<Record<string, unknown>> | undefined | null): number[] {
  const ports = new Set<number>();
  for (const key of Object.keys(exposed ?? {})) {
    const match = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(key);
    if (!match || (match[2] !== undefined && match[2] !== 'tcp')) continue;
    const port = Number(match[1]);
    if (port >= 1 && port <= 65535) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}
