import { describe, expect, it } from 'vitest';
import { exposedTcpPorts, listeningPorts, parseListeningSockets } from './proc-net-tcp.js';

// taken from a busybox container (`--network none`) with httpd on 127.0.0.1:8080 and on :9090
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3415555 1 00000000ade03a46 100 0 0 10 0
   1: 0100007F:D492 0100007F:1F90 06 00000000:00000000 03:0000174E 00000000     0        0 0 3 000000004f8b1364
   2: 0100007F:1F90 0100007F:D494 01 00000000:00000000 00:00000000 00000000     0        0 3410999 1 0000000047a64e51 20 4 30 10 -1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:2382 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3415560 1 00000000ac5a81b9 100 0 0 10 0
   1: 00000000000000000000000001000000:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3415561 1 00000000ac5a81b9 100 0 0 10 0
   2: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3415562 1 00000000ac5a81b9 100 0 0 10 0
   3: 000080FE00000000FF005002010000FE:1A0B 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3415563 1 00000000ac5a81b9 100 0 0 10 0
`;

describe('parseListeningSockets', () => {
  it('reads only LISTEN rows of /proc/net/tcp, with the address in host order and the port big-endian', () => {
    expect(parseListeningSockets(TCP)).toEqual([{ address: '127.0.0.1', port: 8080 }]);
  });

  it('reads /proc/net/tcp6: the any address, ::1, IPv4-mapped and a link-local address', () => {
    expect(parseListeningSockets(TCP6)).toEqual([
      { address: '127.0.0.1', port: 80 },
      { address: 'fe80::250:ff:fe00:1', port: 6667 },
      { address: '::1', port: 8081 },
      { address: '::', port: 9090 },
    ]);
  });

  it('reads both files one after the other, and orders by port', () => {
    expect(listeningPorts(parseListeningSockets(TCP + TCP6))).toEqual([80, 6667, 8080, 8081, 9090]);
  });

  it('keeps one row per address and port', () => {
    expect(parseListeningSockets(TCP + TCP)).toHaveLength(1);
  });

  it('reads 0.0.0.0 and a lower-case state', () => {
    expect(parseListeningSockets('0: 00000000:0016 00000000:0000 0a 0 0 0 0 0 1')).toEqual([{ address: '0.0.0.0', port: 22 }]);
  });

  it.each([
    ['', 'empty text'],
    ['garbage', 'one word'],
    ['0: 0100007F 00000000:0000 0A', 'no port'],
    ['0: 0100007G:1F90 00000000:0000 0A', 'a bad hex address'],
    ['0: 0100007F:1F9 00000000:0000 0A', 'a short port'],
    ['0: 0100007F:0000 00000000:0000 0A', 'port 0'],
    ['0: 01007F:1F90 00000000:0000 0A', 'an address of the wrong length'],
    ['x: 0100007F:1F90 00000000:0000 0A', 'a row without its number'],
  ])('skips malformed input: %s (%s)', (text) => {
    expect(parseListeningSockets(text)).toEqual([]);
  });
});

describe('exposedTcpPorts', () => {
  it('keeps the TCP ports of EXPOSE, ascending, once each', () => {
    expect(exposedTcpPorts({ '8080/tcp': {}, '53/udp': {}, '443': {}, '80/tcp': {}, '80/sctp': {} })).toEqual([80, 443, 8080]);
  });

  it('takes nothing from nothing, and skips what is not a port', () => {
    expect(exposedTcpPorts(undefined)).toEqual([]);
    expect(exposedTcpPorts(null)).toEqual([]);
    expect(exposedTcpPorts({ '0/tcp': {}, '70000/tcp': {}, 'http/tcp': {}, '8080-8090/tcp': {} })).toEqual([]);
  });
});
