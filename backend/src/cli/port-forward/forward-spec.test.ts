import { describe, expect, it } from 'vitest';
import { isLoopback, parseForwardSpec, planForwards, splitSpec } from './forward-spec.js';

describe('parseForwardSpec', () => {
  it.each([
    ['80', { localAddress: '127.0.0.1', localPort: 0, remoteHost: '127.0.0.1', remotePort: 80 }],
    ['8080:80', { localAddress: '127.0.0.1', localPort: 8080, remoteHost: '127.0.0.1', remotePort: 80 }],
    ['0:80', { localAddress: '127.0.0.1', localPort: 0, remoteHost: '127.0.0.1', remotePort: 80 }],
    ['5433:db.internal:5432', { localAddress: '127.0.0.1', localPort: 5433, remoteHost: 'db.internal', remotePort: 5432 }],
    ['127.0.0.2:8080:localhost:80', { localAddress: '127.0.0.2', localPort: 8080, remoteHost: 'localhost', remotePort: 80 }],
    ['8080:[::1]:80', { localAddress: '127.0.0.1', localPort: 8080, remoteHost: '::1', remotePort: 80 }],
    ['[::1]:8080:10.0.0.5:80', { localAddress: '::1', localPort: 8080, remoteHost: '10.0.0.5', remotePort: 80 }],
    ['65535:65535', { localAddress: '127.0.0.1', localPort: 65535, remoteHost: '127.0.0.1', remotePort: 65535 }],
  ])('reads -L %s', (text, expected) => {
    expect(parseForwardSpec(text)).toEqual({ ok: true, value: expected });
  });

  it('takes the default local address it is given', () => {
    const parsed = parseForwardSpec('8080:80', '0.0.0.0');
    expect(parsed.ok && parsed.value.localAddress).toBe('0.0.0.0');
  });

  it.each([
    [''],
    [':'],
    ['8080:'],
    [':80'],
    ['a:b:c:d:e'],
    ['0'],
    ['65536'],
    ['80:65536'],
    ['-1:80'],
    ['8080:80x'],
    ['8080:host name:80'],
    ['8080:$(reboot):80'],
    ['8080:-rf:80'],
    ['[::1:8080:80'],
    ['[::1]8080:80'],
    ['8080:[::1]:'],
    ['1.2.3.4;x:8080:h:80'],
    ['123456:80'],
  ])('refuses -L %j with bad_request', (text) => {
    const parsed = parseForwardSpec(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('bad_request');
      expect(parsed.error.message).toContain('-L');
    }
  });
});

describe('splitSpec', () => {
  it('splits outside brackets only', () => {
    expect(splitSpec('[::1]:80:[fe80::1]:443')).toEqual(['::1', '80', 'fe80::1', '443']);
    expect(splitSpec('1:2')).toEqual(['1', '2']);
    expect(splitSpec('1:')).toEqual(['1', '']);
  });
});

describe('planForwards', () => {
  it('needs at least one -L', () => {
    const plan = planForwards([], []);
    expect(plan.ok || plan.error.code).toBe('bad_request');
  });

  it('plans several forwards in order', () => {
    const plan = planForwards(['8080:80', '9000'], []);
    expect(plan.ok && plan.value.map((f) => [f.localPort, f.remotePort])).toEqual([
      [8080, 80],
      [0, 9000],
    ]);
  });

  it('refuses a non-loopback LOCAL_ADDR without --address, and names the flag', () => {
    const plan = planForwards(['0.0.0.0:8080:127.0.0.1:80'], []);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.error.message).toContain('--address 0.0.0.0');
  });

  it('listens where --address says, for specs that name no address', () => {
    const plan = planForwards(['8080:80', '0.0.0.0:9090:localhost:90'], ['0.0.0.0']);
    expect(plan.ok && plan.value.map((f) => f.localAddress)).toEqual(['0.0.0.0', '0.0.0.0']);
  });

  it('refuses one local port given twice, but not two picked ones', () => {
    expect(planForwards(['8080:80', '8080:81'], []).ok).toBe(false);
    expect(planForwards(['80', '81'], []).ok).toBe(true);
  });

  it('refuses a malformed --address', () => {
    expect(planForwards(['80'], ['a b']).ok).toBe(false);
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['192.168.1.5', false],
    ['::', false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
