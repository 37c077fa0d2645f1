import { describe, expect, it } from 'vitest';
import { listenFailure } from './listen-failure.js';

const errno = (code: string) => Object.assign(new Error(`listen ${code}`), { code });

describe('listenFailure', () => {
  it('says what to do about a port in use, a privileged port and a foreign address', () => {
    const tcp = { host: '127.0.0.1', port: 7681 };
    expect(listenFailure(tcp, errno('EADDRINUSE')).message).toBe(
      'Cannot listen on 127.0.0.1:7681: the port is in use (another cdebug serve?). Give another --port, or --port 0 for a free one.',
    );
    expect(listenFailure({ ...tcp, port: 80 }, errno('EACCES')).message).toMatch(/ports below 1024 need privileges here \(EACCES\)\. Give a --port above 1023/);
    expect(listenFailure({ host: '10.9.8.7', port: 7681 }, errno('EADDRNOTAVAIL')).message).toMatch(/10\.9\.8\.7 is not an address of this machine/);
    expect(listenFailure(tcp, errno('EWHATEVER')).message).toBe('Cannot listen on 127.0.0.1:7681: EWHATEVER.');
  });

  it('tells a missing folder from a folder without permission (Node says EACCES for both)', () => {
    expect(listenFailure({ path: '/no/such/dir/x.sock', folderExists: false }, errno('EACCES')).message).toMatch(/its folder does not exist/);
    expect(listenFailure({ path: '/root/x.sock', folderExists: true }, errno('EACCES')).message).toMatch(
      /no permission to create a socket in its folder \(EACCES\)/,
    );
  });

  it('keeps the system error as the cause and says bad_request', () => {
    const cause = errno('EADDRINUSE');
    expect(listenFailure({ host: '127.0.0.1', port: 1 }, cause)).toMatchObject({ code: 'bad_request', cause });
  });
});
