// A session's recording through the real service and engine: replayed into a headless xterm it
// draws exactly the screen the session's client shows (colours, multi-byte characters, a
// resize), while the session runs and after it ended; the service's own snapshot agrees; it is
// gone with the session, and it needs the token like every other /api route.
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/contract/index.js';
import { parseCast, replayInto } from '../../src/sessions/recording/replay.js';
import { poll } from './engine-fixtures.js';
import { useLiveService } from './live-suite.js';
import { TermClient } from './term-client.js';

const live = useLiveService('recording');
const { targets, clients } = live;

async function getRecording(id: string, token: string | null = live.service.token) {
  const res = await fetch(`${live.service.base}${routes.recording(id)}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

function visible(term: InstanceType<typeof xterm.Terminal>): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let i = buffer.viewportY; i < buffer.viewportY + term.rows; i++) lines.push(buffer.getLine(i)?.translateToString(true).trimEnd() ?? '');
  return lines.join('\n');
}

/** the screen a recording draws when played from its start */
async function replayed(text: string): Promise<{ screen: string; cols: number; rows: number }> {
  const cast = parseCast(text);
  const term = new xterm.Terminal({ cols: cast.header.width, rows: cast.header.height, allowProposedApi: true });
  await replayInto(term, cast);
  await new Promise<void>((r) => term.write('', r));
  const result = { screen: visible(term), cols: term.cols, rows: term.rows };
  term.dispose();
  return result;
}

/** waits until the recording replays to the client's screen (the last bytes may be on their way) */
async function expectReplayEqualsClient(id: string, client: TermClient): Promise<string> {
  let last = '';
  await poll(
    async () => {
      await new Promise<void>((r) => client.term.write('', r));
      last = (await getRecording(id)).text;
      return (await replayed(last)).screen === client.visible();
    },
    (same) => same,
    'the replayed recording to draw the client screen',
    10_000,
  );
  const { screen, cols, rows } = await replayed(last);
  expect(screen).toBe(client.visible());
  expect([cols, rows]).toEqual([client.term.cols, client.term.rows]);
  return last;
}

describe('a session recording', () => {
  it('replays to the exact screen of the live session, and of the ended one', async () => {
    const target = await targets.start();
    const session = await live.service.createSession({ target: target.name, cols: 70, rows: 12 });
    const client = await TermClient.open(live.service.wsUrl(session.id), { cols: 70, rows: 12 });
    clients.push(client);
    await client.waitFor(/#$/, 'the prompt');
    // colours, a two-, three- and four-byte character, cursor movement and a line clear
    client.type("printf '\\033[1;31mred\\033[0m caf\\303\\251 \\342\\202\\254 \\360\\237\\230\\200 abc\\033[2D\\033[K\\n'; echo done-$((2+3))\r");
    await client.waitFor(/^done-5\n.*#$/m, 'the marker and the next prompt');
    // resizes are throttled and asynchronous: ask until the shell sees the new size
    client.resize(90, 16);
    client.type('stty size\r');
    await client.waitFor((screen) => {
      if (/^16 90$/m.test(screen)) return true;
      client.type('stty size\r');
      return false;
    }, 'the new size');
    client.type('echo sized-$((4+4))\r');
    await client.waitFor(/^sized-8\n.*#$/m, 'the marker after the resize and the next prompt');

    const live1 = await getRecording(session.id);
    expect(live1.status).toBe(200);
    expect(live1.type).toMatch(/^application\/x-asciicast/);
    const cast = parseCast(live1.text);
    expect(cast.header).toMatchObject({ version: 2, width: 70, height: 12, title: `${target.name} · ${session.image}` });
    expect(Math.abs(cast.header.timestamp - Date.parse(session.createdAt) / 1000)).toBeLessThan(2);
    expect(cast.events.filter(([, kind]) => kind === 'r').map(([, , size]) => size)).toContain('90x16');
    expect(cast.events.every(([t], i) => i === 0 || t >= (cast.events[i - 1] as [number, string, string])[0])).toBe(true);
    // output only: what was typed comes back only as the shell's echo, never as an input event
    expect(cast.events.some(([, kind]) => kind === 'i')).toBe(false);
    expect(cast.events.map(([, , data]) => data).join('')).toContain('\x1b[1;31mred\x1b[0m café € 😀');
    await expectReplayEqualsClient(session.id, client);

    client.type('exit\r');
    expect(await client.closed).toBe(1000);
    await poll(
      () => live.service.session(session.id),
      (s) => s.state === 'exited',
      'the session to end',
    );
    const ended = await expectReplayEqualsClient(session.id, client);

    // the service's own screen (the snapshot a late client gets) agrees
    const late = await TermClient.open(live.service.wsUrl(session.id), { cols: 90, rows: 16 });
    clients.push(late);
    await late.closed;
    expect(late.frames.some((f) => f.type === 'snapshot')).toBe(true);
    expect((await replayed(ended)).screen).toBe(late.visible());
  });

  it('answers 404 session_not_found for an unknown or deleted session, and 401 without the token', async () => {
    const target = await targets.start();
    const session = await live.service.createSession({ target: target.name });
    await poll(
      () => live.service.session(session.id),
      (s) => s.state === 'running',
      'the session to run',
    );
    expect((await getRecording(session.id, null)).status).toBe(401);
    expect((await getRecording(session.id)).status).toBe(200);
    expect((await live.service.api('DELETE', routes.session(session.id))).status).toBe(204);
    for (const id of [session.id, 'no-such-session']) {
      const res = await getRecording(id);
      expect(res.status).toBe(404);
      expect((JSON.parse(res.text) as { error: { code: string } }).error.code).toBe('session_not_found');
    }
  });
});
