// Repeated token failures on a real service with the default policy (DEFAULT_FAILURE_POLICY):
// each wrong answer comes later than the last, past the limit a wrong token gets 429 with
// Retry-After, and all the while the right token passes at once (a guessing page on the same
// loopback address cannot lock the user out).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes as api } from '../../src/contract/index.js';
import { DEFAULT_FAILURE_POLICY } from '../../src/server/failures.js';
import { testOwner } from '../server/live-service.js';
import { send } from './raw-http.js';
import { type RoutedService, startRouted } from './routed-service.js';

let service: RoutedService;
let other: RoutedService;
beforeAll(async () => {
  [service, other] = await Promise.all([startRouted(testOwner('hostile-slowdown')), startRouted(testOwner('hostile-slowdown-other'))]);
});
afterAll(async () => {
  await Promise.all([service?.listening.close(), other?.listening.close()]);
});

const UPGRADE = { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' };

describe('repeated token failures', () => {
  it(`answer 401 up to ${DEFAULT_FAILURE_POLICY.limit} a minute, then 429 with Retry-After; the right token always passes`, async () => {
    const { limit } = DEFAULT_FAILURE_POLICY;
    const guesses = [
      // plain requests, upgrades with ?token=, the other server's token: all count the same
      (i: number) => send(service.port, { path: api.sessions, headers: { authorization: `Bearer guess-${i}-${'x'.repeat(16)}` } }),
      (i: number) => send(service.port, { path: `${api.attach('x')}?token=guess-${i}`, headers: UPGRADE }),
      () => send(service.port, { path: api.sessions, headers: { authorization: `Bearer ${other.token}` } }),
    ];
    const codes: string[] = [];
    for (let i = 0; i < limit + 3; i++) {
      const a = await guesses[i % guesses.length]!(i);
      codes.push(`${a.status} ${a.code}`);
      if (a.status === 429) {
        const retry = Number(a.headers['retry-after']);
        expect(retry).toBeGreaterThanOrEqual(1);
        expect(retry).toBeLessThanOrEqual(DEFAULT_FAILURE_POLICY.windowMs / 1000);
      }
    }
    expect(codes).toEqual([...Array<string>(limit).fill('401 unauthorized'), ...Array<string>(3).fill('429 too_many_requests')]);
    const right = await send(service.port, { path: api.sessions, headers: { authorization: `Bearer ${service.token}` } });
    expect(right.status).toBe(200);
    // the other server counts its own failures: none here
    const elsewhere = await send(other.port, { path: api.sessions, headers: { authorization: 'Bearer wrong-wrong-wrong-wrong' } });
    expect(elsewhere.status).toBe(401);
  }, 90_000);
});
