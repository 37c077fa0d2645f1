// Hostile WebSocket traffic on the attach socket of a real session: garbage is either terminal
// input (binary, passed through byte for byte) or answered with an `error` frame (text), the
// socket stays open where the contract says so, and the shell behind it keeps working.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeClientFrame, MAX_CLIENT_TEXT_FRAME, routes } from '../../src/contract/index.js';
import { MAX_WS_PAYLOAD } from '../../src/server/app.js';
import { poll, sleep } from '../server/engine-fixtures.js';
import { TermClient } from '../server/term-client.js';
import { useHostileService } from './harness.js';

const h = useHostileService('frames');

async function shell(): Promise<{ id: string; client: TermClient }> {
  h.sessionsStarted = true;
  const session = await h.service.createSession({ target: h.target.name, cols: 80, rows: 24 });
  const client = await TermClient.open(h.service.wsUrl(session.id));
  await client.waitFor(/#\s*$/, 'the prompt');
  return { id: session.id, client };
}

/** the shell still runs commands: a fresh marker comes back */
async function stillAnswers(client: TermClient): Promise<void> {
  const n = Math.floor(Math.random() * 1000);
  client.type(`echo alive-$((${n}+1))\r`);
  await client.waitFor(new RegExp(`^alive-${n + 1}$`, 'm'), 'the shell to answer');
}

const errors = (client: TermClient) => client.frames.filter((f) => f.type === 'error');

/** the status of an upgrade that is refused before it happens, and the contract's error code */
function refusedUpgrade(url: string): Promise<{ status: number; code: string | null }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => {
        let code: string | null = null;
        try {
          code = (JSON.parse(text) as { error: { code: string } }).error.code;
        } catch {
          // not the contract's shape: code stays null and the test says so
        }
        resolve({ status: res.statusCode ?? 0, code });
      });
    });
    ws.on('error', () => undefined);
  });
}

describe('sessions that do not exist or have ended', () => {
  const url = (id: string) => `ws://127.0.0.1:${h.port}${routes.attach(id)}?token=${encodeURIComponent(h.service.token)}`;

  it.each([
    ['an unknown id', 'does-not-exist'],
    ['a NUL byte', 'a\u0000b'],
    ['a path traversal', '../../containers'],
    ['unicode', 'сессия-🐳'],
  ])('refuses %s with 404 session_not_found before the upgrade', async (_what, id) => {
    expect(await refusedUpgrade(url(id))).toEqual({ status: 404, code: 'session_not_found' });
  });

  it('refuses a 10 000-character id with 400 bad_request before the upgrade', async () => {
    expect(await refusedUpgrade(url('x'.repeat(10_000)))).toEqual({ status: 400, code: 'bad_request' });
  });

  it("refuses a plain GET and a malformed upgrade on a live session's attach route with 400 bad_request", async () => {
    const { id } = await shell();
    const plain = await h.send({ path: routes.attach(id) });
    expect({ status: plain.status, code: plain.code }).toEqual({ status: 400, code: 'bad_request' });
    const malformed: Array<Record<string, string>> = [
      { connection: 'Upgrade', upgrade: 'websocket' },
      { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'short' },
      { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '99', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    ];
    for (const headers of malformed) {
      const a = await h.send({ path: routes.attach(id), headers });
      expect({ status: a.status, code: a.code }, JSON.stringify(headers)).toEqual({ status: 400, code: 'bad_request' });
    }
    expect((await h.service.session(id)).clients).toBe(1);
  });

  it('refuses a deleted session with 404 session_not_found', async () => {
    const { id, client } = await shell();
    expect((await h.service.api('DELETE', routes.session(id))).status).toBe(204);
    expect(await client.closed).toBe(1000);
    client.dispose();
    expect(await refusedUpgrade(url(id))).toEqual({ status: 404, code: 'session_not_found' });
  });

  it('tells a client attaching to an ended session how it ended, then closes 1000', async () => {
    const { id, client } = await shell();
    client.type('exit 7\r');
    expect(await client.closed).toBe(1000);
    client.dispose();
    const late = await TermClient.open(url(id));
    expect(await late.closed).toBe(1000);
    expect(late.frames).toContainEqual({ type: 'status', state: 'exited' });
    expect(late.frames).toContainEqual({ type: 'exit', code: 7 });
    late.type('echo nobody-hears\r');
    late.dispose();
    expect((await h.service.session(id)).state).toBe('exited');
  });
});

describe('text frames', () => {
  it('answers each non-JSON, unknown or out-of-range control frame with a bad_request error frame and stays open', async () => {
    const { client } = await shell();
    const hostile = [
      'hello',
      '',
      '{',
      '{"type":',
      'null',
      '42',
      '"resize"',
      '[]',
      'true',
      '\u0000',
      '🐳'.repeat(100),
      '{"type":"exit","code":0}',
      '{"type":"input","data":"touch /tmp/pwned\\r"}',
      '{"type":"snapshot","data":"x"}',
      '{"type":"RESIZE","cols":80,"rows":24}',
      '{"type":"__proto__"}',
      '{"__proto__":{"type":"resize"},"cols":80,"rows":24}',
      '{"type":"resize"}',
      '{"type":"resize","cols":0,"rows":24}',
      '{"type":"resize","cols":80,"rows":0}',
      '{"type":"resize","cols":-80,"rows":24}',
      '{"type":"resize","cols":80,"rows":-1}',
      '{"type":"resize","cols":80.5,"rows":24}',
      '{"type":"resize","cols":80,"rows":24.25}',
      '{"type":"resize","cols":1000000000,"rows":24}',
      '{"type":"resize","cols":80,"rows":1000000000}',
      '{"type":"resize","cols":1e999,"rows":24}',
      '{"type":"resize","cols":"80","rows":"24"}',
      '{"type":"resize","cols":null,"rows":24}',
      '{"type":"resize","cols":[80],"rows":24}',
      '{"type":"ack","bytes":-1}',
      '{"type":"ack","bytes":1.5}',
      '{"type":"ack","bytes":"10"}',
      '{"type":"ack"}',
      JSON.stringify({ type: 'ack', bytes: 1, pad: 'x'.repeat(MAX_CLIENT_TEXT_FRAME) }),
    ];
    for (const text of hostile) client.ws.send(text);
    await poll(
      () => errors(client).length,
      (n) => n >= hostile.length,
      'an error frame for each hostile text frame',
    );
    expect(errors(client)).toHaveLength(hostile.length);
    expect(new Set(errors(client).map((f) => f.type === 'error' && f.code))).toEqual(new Set(['bad_request']));
    expect(client.closeCode).toBeNull();
    // the size did not move, and the "input" frame typed nothing
    client.type('stty size; ls /tmp/pwned 2>&1 | head -1\r');
    await client.waitFor(/^24 80$/m, 'stty size still 24 80');
    await client.waitFor(/No such file or directory/, 'no /tmp/pwned');
    await stillAnswers(client);
  });

  it('closes with 1007 on a text frame that is not UTF-8 (the WebSocket protocol), and the session goes on', async () => {
    const { id, client } = await shell();
    client.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await client.closed).toBe(1007);
    client.dispose();
    expect((await h.service.session(id)).state).toBe('running');
    const again = await TermClient.open(h.service.wsUrl(id));
    await stillAnswers(again);
    again.dispose();
  });

  it(`closes with 1009 on a frame over ${MAX_WS_PAYLOAD} bytes, text or binary, and the session goes on`, async () => {
    const { id, client } = await shell();
    client.ws.send('x'.repeat(MAX_WS_PAYLOAD + 1));
    expect(await client.closed).toBe(1009);
    client.dispose();
    const binary = await TermClient.open(h.service.wsUrl(id));
    binary.ws.send(Buffer.alloc(MAX_WS_PAYLOAD + 1, 0x61), { binary: true });
    expect(await binary.closed).toBe(1009);
    binary.dispose();
    expect((await h.service.session(id)).state).toBe('running');
    const again = await TermClient.open(h.service.wsUrl(id));
    await stillAnswers(again);
    again.dispose();
  });
});

describe('binary frames', () => {
  it('passes 256 KiB of random bytes (every byte value, invalid UTF-8, control codes) to the command unchanged', async () => {
    const { client } = await shell();
    const garbage = randomBytes(256 * 1024);
    // the engine holds a trailing ^] (the first of the sidecar's detach keys) until more input
    // comes: end on another byte so that head gets all of it now
    if (garbage[garbage.length - 1] === 0x1d) garbage[garbage.length - 1] = 0x20;
    const md5 = createHash('md5').update(garbage).digest('hex');
    // a raw tty so that no byte is a signal, an edit or a line end; head takes exactly the bytes
    client.type(`stty raw -echo -iexten; head -c ${garbage.length} | md5sum; stty sane\r`);
    await sleep(300);
    for (let i = 0; i < garbage.length; i += 16 * 1024) client.ws.send(garbage.subarray(i, i + 16 * 1024), { binary: true });
    await client.waitFor(new RegExp(`^${md5}\\s+-$`, 'm'), 'the md5 of the garbage, computed in the target', 60_000);
    await stillAnswers(client);
  });

  it("passes Ctrl-P Ctrl-Q (the engine's default detach keys) to the command, and input goes on", async () => {
    const { client } = await shell();
    client.type('stty raw -echo -iexten; head -c 6 | od -An -tx1; stty sane\r');
    await sleep(300);
    client.type('\x10\x11');
    client.type('\x10');
    client.type('\x11\x10\x11');
    await client.waitFor(/^\s*10 11 10 11 10 11$/m, 'the six bytes, as the command read them');
    await stillAnswers(client);
  });

  it('takes empty binary frames and a flood of tiny ones', async () => {
    const { client } = await shell();
    for (let i = 0; i < 1000; i++) client.ws.send(Buffer.alloc(0), { binary: true });
    for (let i = 0; i < 2000; i++) client.ws.send(Buffer.from(' '), { binary: true });
    client.type('\x15');
    await stillAnswers(client);
  });
});

describe('acknowledgements and connections', () => {
  it('takes an ack of more than was ever sent, or a storm of acks, and the output keeps flowing', async () => {
    const { client } = await shell();
    client.ws.send(encodeClientFrame({ type: 'ack', bytes: Number.MAX_SAFE_INTEGER }));
    for (let i = 0; i < 1000; i++) client.ws.send(encodeClientFrame({ type: 'ack', bytes: i }));
    await stillAnswers(client);
    client.type('seq 1 3000 | tail -1\r');
    await client.waitFor(/^3000$/m, 'the end of 3000 lines');
    expect(errors(client)).toEqual([]);
  });

  it('serves a hundred sockets on one session, and the session outlives them all', async () => {
    const { id, client } = await shell();
    const many = await Promise.all(Array.from({ length: 100 }, () => TermClient.open(h.service.wsUrl(id), { scrollback: 10 })));
    expect((await h.service.session(id)).clients).toBe(101);
    client.type('echo to-all-$((50+50))\r');
    await Promise.all(many.map((c) => c.waitFor(/^to-all-100$/m, 'the line on every socket')));
    for (const c of many) c.ws.terminate();
    await poll(
      async () => (await h.service.session(id)).clients,
      (n) => n === 1,
      'the hundred sockets to be gone',
    );
    for (const c of many) c.dispose();
    await stillAnswers(client);
  });
});

describe('resize floods', () => {
  it('takes a thousand resize frames in about a second, ends at the last size, and stays responsive', async () => {
    const { client } = await shell();
    for (let batch = 0; batch < 10; batch++) {
      for (let i = 0; i < 100; i++) {
        const n = batch * 100 + i;
        client.ws.send(encodeClientFrame({ type: 'resize', cols: 20 + (n % 200), rows: 5 + (n % 60) }));
      }
      await sleep(100);
    }
    client.resize(123, 45);
    const health = await h.send({ path: routes.health });
    expect(health.status).toBe(200);
    expect(errors(client)).toEqual([]);
    await client.waitFor((s) => {
      if (/^45 123$/m.test(s)) return true;
      client.type('stty size\r');
      return false;
    }, 'stty size 45 123 (the last size wins)');
    await stillAnswers(client);
  });
});
