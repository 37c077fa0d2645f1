// Hostile request bodies to POST /api/sessions on a real service with a real engine: each is
// refused with the contract's error (status and code), nothing reaches the engine, and the
// service keeps answering (the harness checks both after every test).
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/contract/index.js';
import { useHostileService } from './harness.js';
import { json } from './raw-http.js';

const h = useHostileService('bodies');
const post = (body: string | Buffer, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  h.send({ method: 'POST', path: routes.sessions, headers, body });

const expectRefused = async (answer: Promise<{ status: number; code: string | null; text: string }>, status: number, code: string) => {
  const a = await answer;
  expect({ status: a.status, code: a.code }, a.text.slice(0, 300)).toEqual({ status, code });
};

describe('malformed JSON', () => {
  it.each([
    ['an empty body', ''],
    ['a lone brace', '{'],
    ['a cut-off member', '{"target":'],
    ['a trailing comma', '{"target":"x",}'],
    ['single quotes', "{'target':'x'}"],
    ['trailing garbage', '{"target":"x"} {"target":"y"}'],
    ['a bare word', 'nul'],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
    ['a NUL byte between members', '{"target":"x"\u0000}'],
    ['20 000 nested arrays', '['.repeat(20_000) + ']'.repeat(20_000)],
  ])('refuses %s with 400 bad_request', async (_what, body) => {
    await expectRefused(post(body), 400, 'bad_request');
  });

  it.each([
    ['__proto__', '{"target":"x","__proto__":{"privileged":true}}'],
    ['constructor.prototype', '{"target":"x","constructor":{"prototype":{"privileged":true}}}'],
  ])('refuses %s poisoning with 400 bad_request', async (_what, body) => {
    await expectRefused(post(body), 400, 'bad_request');
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
  ])('refuses a JSON body sent as %s with 400 bad_request (a CORS-simple POST from a web page cannot create sessions)', async (_what, headers) => {
    await expectRefused(post(JSON.stringify({ target: h.target.name }), headers), 400, 'bad_request');
  });
});

describe('wrong types and shapes', () => {
  it.each([
    ['an array body', []],
    ['a string body', 'x'],
    ['a number body', 42],
    ['null', null],
    ['no target', {}],
    ['target a number', { target: 1 }],
    ['target null', { target: null }],
    ['target an array', { target: ['x'] }],
    ['target an object', { target: { id: 'x' } }],
    ['target empty', { target: '' }],
    ['image a number', { target: 'T', image: 5 }],
    ['cmd a string', { target: 'T', cmd: 'sh -c id' }],
    ['cmd with a number', { target: 'T', cmd: ['echo', 1] }],
    ['cmd with null', { target: 'T', cmd: ['echo', null] }],
    ['cmd with an empty name', { target: 'T', cmd: [''] }],
    ['env an array', { target: 'T', env: ['A=1'] }],
    ['env a number value', { target: 'T', env: { A: 1 } }],
    ['env a null value', { target: 'T', env: { A: null } }],
    ['env an empty name', { target: 'T', env: { '': 'x' } }],
    ['env a name with =', { target: 'T', env: { 'A=B': 'x' } }],
    ['env a name with a space', { target: 'T', env: { 'A B': 'x' } }],
    ['privileged a string', { target: 'T', privileged: 'yes' }],
    ['privileged 1', { target: 'T', privileged: 1 }],
    ['user a number', { target: 'T', user: 0 }],
    ['user with shell text', { target: 'T', user: 'root;id' }],
    ['user with three parts', { target: 'T', user: '1:2:3' }],
    ['user path-like', { target: 'T', user: '../../etc/passwd' }],
    ['cols a string', { target: 'T', cols: '80' }],
    ['cols 0', { target: 'T', cols: 0 }],
    ['cols negative', { target: 'T', cols: -80 }],
    ['cols fractional', { target: 'T', cols: 80.5 }],
    ['cols 10^9', { target: 'T', cols: 1e9 }],
    ['rows 10^9', { target: 'T', rows: 1e9 }],
    ['rows 0', { target: 'T', rows: 0 }],
  ])('refuses %s with 400 bad_request', async (_what, value) => {
    const body = typeof value === 'object' && value !== null && 'target' in value && value.target === 'T' ? { ...value, target: h.target.name } : value;
    const { body: text, headers } = json(body);
    await expectRefused(post(text, headers), 400, 'bad_request');
  });

  it.each([
    ['HostConfig with a host bind', { HostConfig: { Binds: ['/:/host'], Privileged: true } }],
    ['binds', { binds: ['/:/host'] }],
    ['mounts', { mounts: [{ type: 'bind', source: '/', target: '/host' }] }],
    ['volumes', { volumes: { '/host': {} } }],
    ['an entrypoint', { entrypoint: ['/bin/sh'] }],
    ['a network mode', { networkMode: 'host' }],
    ['a pid mode', { pidMode: 'host' }],
    // capAdd is the contract's (issue 18's --cap-add); the engine's own spelling is not
    ["capabilities in the engine's spelling", { CapAdd: ['ALL'] }],
    ['devices', { devices: ['/dev/sda'] }],
    ['the engine name of the image field', { Image: 'busybox' }],
    ['a label', { labels: { 'io.cdebug.owner': 'someone-else' } }],
  ])('refuses an unknown field (%s) with 400 bad_request: no container shape beyond the contract', async (_what, extra) => {
    const { body, headers } = json({ target: h.target.name, ...extra });
    await expectRefused(post(body, headers), 400, 'bad_request');
  });
});

describe('hostile values', () => {
  it.each([
    ['a command substitution', '$(touch /tmp/pwned)'],
    ['backticks', '`id`'],
    ['a command list', 'x; rm -rf /'],
    ['a pipe', 'x | nc 127.0.0.1 1'],
    ['a redirection', 'x > /etc/passwd'],
    ['a path', '../../containers/json'],
    ['a query string', 'x?all=1'],
    ['a percent escape', '%2e%2e%2f'],
    ['a newline', 'x\nHost: evil'],
    ['a NUL byte', 'x\u0000y'],
    ['Cyrillic letters', 'контейнер'],
    ['an emoji', '🐳'],
    ['a right-to-left override', 'abc\u202Etxt.exe'],
    ['a combining accent', 'e\u0301'],
    ['a lone surrogate', 'x\uD800y'],
  ])('refuses a target with %s as 404 target_not_found, without asking the engine', async (_what, target) => {
    const { body, headers } = json({ target });
    await expectRefused(post(body, headers), 404, 'target_not_found');
  });

  it('reads a target with a slash as an image reference (issue 14): 404 image_not_found when it is neither local nor pullable', async () => {
    const { body, headers } = json({ target: 'a/b' });
    await expectRefused(post(body, headers), 404, 'image_not_found');
  });

  it('refuses a 10 000-character target with 400 bad_request', async () => {
    const { body, headers } = json({ target: 'a'.repeat(10_000) });
    await expectRefused(post(body, headers), 400, 'bad_request');
  });

  it.each([
    ['a NUL byte in a command argument', { cmd: ['echo', 'a\u0000b'] }],
    ['a NUL byte in the command name', { cmd: ['\u0000'] }],
    ['a NUL byte in an environment value', { env: { A: 'a\u0000b' } }],
    ['a NUL byte in an environment name', { env: { 'A\u0000B': 'x' } }],
    ['1025 command arguments', { cmd: Array.from({ length: 1025 }, () => 'x') }],
    ['a 16 385-character argument', { cmd: ['echo', 'x'.repeat(16_385)] }],
    ['257 environment variables', { env: Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`V${i}`, 'x'])) }],
    ['a 16 385-character environment value', { env: { A: 'x'.repeat(16_385) } }],
  ])('refuses %s with 400 bad_request', async (_what, extra) => {
    const { body, headers } = json({ target: h.target.name, ...extra });
    await expectRefused(post(body, headers), 400, 'bad_request');
  });

  it.each([
    ['64 KiB + 1 of padding', 64 * 1024 + 1],
    ['8 MiB of padding', 8 * 1024 * 1024],
  ])('refuses a body of %s with 413 payload_too_large', async (_what, size) => {
    const body = `{"target":"${'x'.repeat(size)}"}`;
    await expectRefused(post(body), 413, 'payload_too_large');
  });

  it('refuses a huge command (many 16 KiB arguments) with 413 payload_too_large', async () => {
    const { body, headers } = json({ target: h.target.name, cmd: Array.from({ length: 64 }, () => 'y'.repeat(16_000)) });
    await expectRefused(post(body, headers), 413, 'payload_too_large');
  });

  it('refuses a huge chunked body (no Content-Length) with 413 payload_too_large', async () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 0x20);
    await expectRefused(post(body, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }), 413, 'payload_too_large');
  });
});
