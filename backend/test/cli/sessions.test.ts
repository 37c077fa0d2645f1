// `cdebug ps`, `cdebug attach`, `cdebug kill` against a real service (in this process, on a free
// loopback port, with its token) and the real engine: a session opened as the UI opens one, and
// a `cdebug exec` running beside it.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Session } from '../../src/contract/index.js';
import { poll } from '../kit/engine.js';
import { matching } from '../helpers/matchers.js';
import { cdebug, describeRun, ensureBuilt, expectCdebugError, startCli, takeOwners } from '../helpers/cli.js';
import { expectClean, removeTargets, sidecarsOf, startTarget, type Target } from '../helpers/docker.js';
import { startService, testOwner, type LiveService } from '../server/live-service.js';
import { TermClient } from '../server/term-client.js';

let target: Target;
let service: LiveService;
const clients: TermClient[] = [];

beforeAll(async () => {
  ensureBuilt();
  [target, service] = await Promise.all([startTarget(), startService(testOwner('cli-sessions'))]);
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.dispose();
  for (const s of (await service.api<Session[]>('GET', routes.sessions)).body) await service.api('DELETE', routes.session(s.id));
  await expectClean([target], takeOwners());
});
afterAll(async () => {
  await service?.close();
  await removeTargets();
});

/** the URL `cdebug serve` prints: the token in its fragment */
const serverUrl = () => `${service.base}/#token=${service.token}`;

async function uiSession(): Promise<{ session: Session; client: TermClient }> {
  const session = await service.createSession({ target: target.name });
  const client = await TermClient.open(service.wsUrl(session.id));
  clients.push(client);
  await client.waitFor(/#$/, 'the prompt');
  return { session, client };
}

describe('cdebug ps', () => {
  it("lists the service's session and a cdebug exec's sidecar, once each, with who holds them", async () => {
    const { session } = await uiSession();
    const exec = startCli(['exec', target.id, 'sleep', '60']);
    await poll(
      () => sidecarsOf([target.id]),
      (ids) => ids.length === 2,
      'both sidecars',
    );
    const r = await cdebug(['ps', '--server', serverUrl(), '--json']);
    expect(r.code, describeRun(r)).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, string>>;
    const mine = rows.filter((row) => row.target === target.name || row.target === target.id.slice(0, 12));
    expect(mine).toEqual([
      expect.objectContaining({ session: session.id, target: target.name, state: 'running', owner: `service ${service.base}`, profile: 'general' }),
      expect.objectContaining({
        target: target.id.slice(0, 12),
        state: 'running',
        owner: matching(new RegExp(`^cdebug exec \\(.+, pid ${exec.pid}\\)$`)),
      }),
    ]);
    const table = await cdebug(['ps', '--server', service.base, '--token', service.token]);
    expect(table.stdout).toMatch(/^SESSION +TARGET +STATE +PROFILE +IMAGE +CREATED +OWNER$/m);
    expect(table.stdout).toMatch(new RegExp(`^${session.id} +${target.name} +running +general `, 'm'));
    exec.child.kill('SIGTERM');
    await exec.result;
  });

  it('says so, with 125, when the service refuses the token or does not answer', async () => {
    expectCdebugError(await cdebug(['ps', '--server', service.base, '--token', 'x'.repeat(22)]), /refused the token/);
    expectCdebugError(await cdebug(['ps', '--server', 'http://127.0.0.1:9/']), /No cdebug service answers at http:\/\/127\.0\.0\.1:9/);
  });
});

describe('cdebug attach', () => {
  it('shows the screen so far (the snapshot), then both sides see what either types, and ends with the status', async () => {
    const { session, client } = await uiSession();
    client.type('echo before-$((6*7))\r');
    await client.waitFor(/^before-42$/m, 'the UI output');
    const r = await cdebug(['attach', '--server', serverUrl(), session.id], { input: 'echo from-cli-$((7*8))\nexit 4\n' });
    expect(r.code, describeRun(r)).toBe(4);
    expect(r.stdout).toContain('before-42'); // the snapshot came first
    expect(r.stdout).toContain('from-cli-56');
    await client.waitFor(/^from-cli-56$/m, 'the CLI typing, on the UI screen');
    expect((await client.waitForFrame('exit')).code).toBe(4);
  });

  it('detaches at Ctrl-P Ctrl-Q and leaves the session running', async () => {
    const { session, client } = await uiSession();
    const r = await cdebug(['attach', '--server', serverUrl(), session.id], {
      input: Buffer.from('echo typed-$((2*3))\n\x10\x11', 'latin1'),
      timeoutMs: 20_000,
    });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stderr).toMatch(/detached from session .*it goes on/);
    await client.waitFor(/^typed-6$/m, 'what the CLI typed before it detached');
    expect((await service.session(session.id)).state).toBe('running');
  });

  it('refuses an unknown session, saying where to find one', async () => {
    expectCdebugError(await cdebug(['attach', '--server', serverUrl(), 'nosuchsession']), /has no session "nosuchsession": see `cdebug ps`/);
  });
});

describe('cdebug kill', () => {
  it("ends the service's session: it is gone, and so is its sidecar", async () => {
    const { session } = await uiSession();
    const r = await cdebug(['kill', '--server', serverUrl(), session.id]);
    expect(r.code, describeRun(r)).toBe(0);
    expect((await service.api('GET', routes.session(session.id))).status).toBe(404);
    await poll(
      () => sidecarsOf([target.id]),
      (ids) => ids.length === 0,
      'no sidecar',
    );
  });

  it("ends a cdebug exec's session found on the engine, whose command then ends", async () => {
    const exec = startCli(['exec', target.id, 'sleep', '60']);
    await poll(
      () => sidecarsOf([target.id]),
      (ids) => ids.length === 1,
      'the exec sidecar',
    );
    const listed = JSON.parse((await cdebug(['ps', '--server', serverUrl(), '--json'])).stdout) as Array<Record<string, string>>;
    const row = listed.find((x) => x.owner?.endsWith(`pid ${exec.pid})`));
    expect(row, JSON.stringify(listed)).toBeDefined();
    const r = await cdebug(['kill', '--server', serverUrl(), row?.session ?? '']);
    expect(r.code, describeRun(r)).toBe(0);
    const ended = await exec.result;
    expect(ended.code, describeRun(ended)).not.toBe(0);
    expect(await sidecarsOf([target.id])).toEqual([]);
  });

  it('refuses a session nobody has: 125, session_not_found', async () => {
    expectCdebugError(await cdebug(['kill', '--server', serverUrl(), 'nosuchsession']), /No session "nosuchsession"/);
  });

  it('lists the new commands in cdebug --help', async () => {
    const r = await cdebug(['--help']);
    for (const c of ['ps', 'attach', 'kill']) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
  });
});
