// Issue 18 through the service: `shell` and `profile`/`capAdd`/`capDrop` in POST /api/sessions,
// on a distroless target (its users have no login shell; the toolkit is busybox).
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/contract/index.js';
import { docker } from './engine-fixtures.js';
import { useLiveService } from './live-suite.js';
import { TermClient } from './term-client.js';

const live = useLiveService('habits');
const { targets, clients } = live;

async function open(body: Record<string, unknown>) {
  const target = await targets.start();
  const session = await live.service.createSession({ target: target.name, ...body });
  const client = await TermClient.open(live.service.wsUrl(session.id));
  clients.push(client);
  return { target, session, client };
}

describe('POST /api/sessions: shell', () => {
  it("auto starts the best shell there is (busybox's ash from the toolkit) in the target's working directory", async () => {
    const { client } = await open({ shell: 'auto' });
    await client.waitFor(/#$/, 'the prompt');
    client.type('echo "shell=$0"; pwd\r');
    await client.waitFor((s) => /^shell=\/proc\/\d+\/root\/bin\/ash$/m.test(s) && /^\/srv$/m.test(s), 'ash in /srv');
  });

  it('a shell found nowhere ends the session with 125 and shell_not_found on its screen', async () => {
    const { session, client } = await open({ shell: 'fish' });
    const exit = await client.waitForFrame('exit');
    expect(exit.code).toBe(125);
    // the line wraps at the terminal's width, where a space may fall: compare without white space
    const screen = client.visible().replace(/\s/g, '');
    expect(screen).toContain('shell_not_found:nofishshellinthetargetorthetoolkit(found:ash(toolkit),sh(toolkit))');
    expect(await live.service.session(session.id)).toMatchObject({ state: 'exited', exitCode: 125 });
  });
});

describe('POST /api/sessions: profile', () => {
  it('restricted: the shell holds only SYS_CHROOT and SYS_PTRACE, and the sidecar is labelled with its profile', async () => {
    const { session, client } = await open({ profile: 'restricted' });
    await client.waitFor(/#$/, 'the prompt');
    client.type('grep CapEff /proc/self/status\r');
    await client.waitFor(/^CapEff:\s+00000000000c0000$/m, 'CapEff of SYS_CHROOT and SYS_PTRACE');
    const profile = docker('ps', '--filter', `label=io.cdebug.session=${session.id}`, '--format', '{{.Label "io.cdebug.profile"}}');
    expect(profile).toBe('restricted');
  });

  it('capAdd on top of the profile', async () => {
    const { client } = await open({ profile: 'restricted', capAdd: ['KILL'] });
    await client.waitFor(/#$/, 'the prompt');
    client.type('grep CapEff /proc/self/status\r');
    await client.waitFor(/^CapEff:\s+00000000000c0020$/m, 'CapEff with KILL');
  });

  it('refuses a contradiction with 400 bad_request, and starts nothing', async () => {
    const target = await targets.start();
    for (const body of [
      { profile: 'baseline', privileged: true },
      { capAdd: ['NET_RAW'], capDrop: ['NET_RAW'] },
      { shell: 'bash', cmd: ['id'] },
      { profile: 'root' },
    ]) {
      const r = await live.service.api<{ error: { code: string } }>('POST', routes.sessions, { target: target.name, ...body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('bad_request');
    }
    expect((await live.service.api<unknown[]>('GET', routes.sessions)).body).toEqual([]);
  });
});
