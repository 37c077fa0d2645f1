import { describe, expect, it } from 'vitest';
import { serviceAddress, webSocketUrl } from './service-address.js';
import { matching } from '../../../test/helpers/matchers.js';

describe('serviceAddress', () => {
  it("defaults to cdebug serve's own address, with no token", () => {
    expect(serviceAddress({})).toEqual({ ok: true, value: { base: 'http://127.0.0.1:7681', token: null, explicit: false } });
  });

  it('takes the URL cdebug serve printed, its #token= included; --token wins', () => {
    expect(serviceAddress({ server: 'http://127.0.0.1:9000/#token=abc%2Bdef' })).toEqual({
      ok: true,
      value: { base: 'http://127.0.0.1:9000', token: 'abc+def', explicit: true },
    });
    expect(serviceAddress({ server: 'http://localhost:9000/#token=x', token: 'y' })).toMatchObject({ value: { token: 'y' } });
  });

  it('refuses what is not an http URL', () => {
    expect(serviceAddress({ server: 'not a url' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(serviceAddress({ server: 'unix:///run/cdebug.sock' })).toMatchObject({ ok: false, error: { message: matching(/http/) } });
  });
});

describe('webSocketUrl', () => {
  it('is ws(s):// with the token as a query parameter, escaped', () => {
    expect(webSocketUrl({ base: 'http://127.0.0.1:7681', token: 'a b+c', explicit: false }, '/api/sessions/x/attach')).toBe(
      'ws://127.0.0.1:7681/api/sessions/x/attach?token=a+b%2Bc',
    );
    expect(webSocketUrl({ base: 'https://h:1', token: null, explicit: true }, '/p')).toBe('wss://h:1/p');
  });
});
