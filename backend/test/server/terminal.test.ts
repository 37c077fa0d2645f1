// A shell in a distroless container through the service: what the user types, sees and
// resizes, and what they get back when they come back.
import { describe, expect, it } from 'vitest';
import { useLiveService } from './live-suite.js';
import { TermClient } from './term-client.js';

const live = useLiveService('terminal');
const { targets, clients } = live;

async function shell(options: { cols?: number; rows?: number } = {}) {
  const target = await targets.start();
  const session = await live.service.createSession({ target: target.name, ...options });
  const client = await TermClient.open(live.service.wsUrl(session.id), options);
  clients.push(client);
  await client.waitFor(/#$/, 'the prompt');
  return { target, session, client };
}

/** types `command` until the shell prints "ROWS COLS": resizes are throttled and asynchronous */
async function untilSize(client: TermClient, command: string, rows: number, cols: number): Promise<void> {
  const printed = new RegExp(`^${rows} ${cols}$`, 'm');
  client.type(`${command}\r`);
  await client.waitFor((screen) => {
    if (printed.test(screen)) return true;
    client.type(`${command}\r`);
    return false;
  }, `${command}: ${rows} ${cols}`);
}

describe('a shell in a distroless target', () => {
  it('shows the target filesystem: ls / lists srv and etc', async () => {
    const { session, client } = await shell();
    expect(session.target.name).toMatch(/^cdebug-it-/);
    expect((await live.service.session(session.id)).state).toBe('running');
    client.type('ls /\r');
    const screen = await client.waitFor((s) => /\bsrv\b/.test(s) && /\betc\b/.test(s), 'srv and etc');
    expect(screen).toMatch(/\bsrv\b/);
    client.type('cat /etc/fixture-release; pwd\r');
    await client.waitFor(/^\/srv$/m, 'the working directory /srv');
  });

  it('starts at the size given at creation and follows resizes', async () => {
    const { client } = await shell({ cols: 100, rows: 30 });
    client.type('stty size\r');
    await client.waitFor(/^30 100$/m, 'stty size 30 100');
    client.resize(132, 43);
    await untilSize(client, 'stty size', 43, 132);
  });

  it('keeps a size the client sent while the entry script was still sizing the pty itself', async () => {
    // slowstty's stty says the pty has no size and takes a second to set the launch size
    // (80x24): the client's 100x30, which the engine applies in that second, is overwritten,
    // and must be asked for again once the shell has started
    const target = await targets.start();
    const session = await live.service.createSession({ target: target.name, image: 'cdebug-fixture/slowstty:latest', cols: 80, rows: 24 });
    const client = await TermClient.open(live.service.wsUrl(session.id), { cols: 100, rows: 30 });
    clients.push(client);
    client.resize(100, 30);
    await client.waitFor(/#$/, 'the prompt');
    // busybox's own applet: the target has no stty, and /slow/stty would lie about the size
    await untilSize(client, 'busybox stty size', 30, 100);
  });

  it('sends the exit code and closes with 1000 when the shell exits', async () => {
    const { session, client } = await shell();
    client.type('exit 3\r');
    const exit = await client.waitForFrame('exit');
    expect(exit.code).toBe(3);
    expect(await client.closed).toBe(1000);
    const after = await live.service.session(session.id);
    expect(after).toMatchObject({ state: 'exited', exitCode: 3 });
  });

  it('gives the same screen back in the snapshot after the socket was closed', async () => {
    const { session, client } = await shell();
    client.type('echo marker-$((6*7))\r');
    await client.waitFor(/^marker-42$/m, 'the marker');
    const before = client.visible();
    client.close();
    await client.closed;
    expect((await live.service.session(session.id)).state).toBe('running');

    const again = await TermClient.open(live.service.wsUrl(session.id));
    clients.push(again);
    const snapshot = await again.waitForFrame('snapshot');
    expect(snapshot).toMatchObject({ cols: 80, rows: 24 });
    await again.waitFor(/^marker-42$/m, 'the marker from the snapshot');
    expect(again.visible()).toBe(before);
    // and the shell is still live
    again.type('echo again-$((1+1))\r');
    await again.waitFor(/^again-2$/m, 'live output after re-attach');
  });

  it('serves two clients at once: both see the output, both can type', async () => {
    const { session, client: one } = await shell();
    const two = await TermClient.open(live.service.wsUrl(session.id));
    clients.push(two);
    await two.waitFor(/#$/, 'the prompt on the second client');
    one.type('echo from-one\r');
    await two.waitFor(/^from-one$/m, 'output typed by the first on the second');
    two.type('echo from-two\r');
    await one.waitFor(/^from-two$/m, 'output typed by the second on the first');
    expect((await live.service.session(session.id)).clients).toBe(2);
  });
});
