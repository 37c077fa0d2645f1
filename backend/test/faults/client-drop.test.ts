// A client's connection drops without a WebSocket close frame: the TCP connection just goes (a
// browser tab killed), or goes silent with no FIN at all (a laptop's network vanished). The
// session lives on, the dead client stops being counted (the silent one once it misses the
// service's pings), and a new client re-attaches to the same shell with its screen, also when
// the drop came in the middle of a flood of output that had paused the sidecar.

import { describe, expect, it } from 'vitest';
import { poll, sidecarsOf } from '../server/engine-fixtures.js';
import { TermClient } from '../server/term-client.js';
import { faultService } from './fault-service.js';
import { startFrozenProxy } from './frozen-proxy.js';
import { openAtPrompt } from './steps.js';

const fault = faultService({ noSidecarsAfterStop: false });
const { targets, clients } = fault;

async function reattach(id: string): Promise<TermClient> {
  const client = await TermClient.open(fault.service.wsUrl(id));
  clients.push(client);
  return client;
}

describe('a client drops without a close frame', () => {
  it('leaves the session running, and a new client re-attaches to the same shell', async () => {
    const { service } = fault;
    const target = await targets.start();
    const { session, client } = await openAtPrompt(service, target.name, clients);
    client.type('export MARK=kept-$((40+5)); echo $MARK\r');
    await client.waitFor(/^kept-45$/m, 'the marker');
    expect((await service.session(session.id)).clients).toBe(1);

    client.ws.terminate();
    expect(await client.closed).toBe(1006);
    const after = await poll(
      () => service.session(session.id),
      (s) => s.clients === 0,
      'the dropped client to be forgotten',
    );
    expect(after.state).toBe('running');
    expect(sidecarsOf(service.owner, [target.id])).toHaveLength(1);

    const again = await reattach(session.id);
    expect((await again.waitForFrame('snapshot')).type).toBe('snapshot');
    await again.waitFor(/^kept-45$/m, 'the screen as it was');
    // the same shell: its variable is still set
    again.type('echo again-$MARK\r');
    await again.waitFor(/^again-kept-45$/m, 'the same shell answering');
  });

  it('mid-flood, with the sidecar paused for it: the output resumes and the next client gets the shell', async () => {
    const { service } = fault;
    const target = await targets.start();
    const session = await service.createSession({ target: target.name });
    // a client that stops reading (so stops acknowledging): 1 MiB past its last acknowledgement
    // the flood backs up against it and the service pauses the sidecar
    const stuck = await TermClient.open(service.wsUrl(session.id));
    clients.push(stuck);
    await stuck.waitFor(/# ?$/, 'the prompt');
    stuck.type('i=0; while [ $i -lt 150000 ]; do echo flood-line-$i; i=$((i+1)); done; echo flood-done-$((40+6))\r');
    await stuck.waitFor(/flood-line-\d+/, 'the flood to start');
    stuck.ws.pause();
    stuck.ws.terminate();
    expect(await stuck.closed).toBe(1006);

    const again = await reattach(session.id);
    await again.waitFor(/^flood-done-46$/m, 'the end of the flood, once nothing holds the output back', 90_000);
    again.type('echo after-flood-$((40+7))\r');
    await again.waitFor(/^after-flood-47$/m, 'the shell answering after the flood');
    expect((await service.session(session.id)).state).toBe('running');
  }, 120_000);

  it("gone silent (no FIN): dropped once it misses the pings, so it holds no one else's output back", async () => {
    const { service } = fault;
    const target = await targets.start();
    const session = await service.createSession({ target: target.name });
    const proxy = await startFrozenProxy(service.port);
    try {
      // through the proxy, presenting the service's own address (its guard checks the Host)
      const silent = await TermClient.open(service.wsUrl(session.id).replace(`:${service.port}/`, `:${proxy.port}/`), {
        headers: { host: `127.0.0.1:${service.port}` },
      });
      clients.push(silent);
      await silent.waitFor(/# ?$/, 'the prompt through the proxy');
      expect((await service.session(session.id)).clients).toBe(1);
      proxy.freeze();
      // the service's heartbeat (a ping every 5 s) finds it gone
      await poll(
        () => service.session(session.id),
        (s) => s.clients === 0,
        'the silent client to be dropped',
        30_000,
      );

      const again = await reattach(session.id);
      again.type('i=0; while [ $i -lt 50000 ]; do echo silent-flood-$i; i=$((i+1)); done; echo silent-done-$((40+8))\r');
      await again.waitFor(/^silent-done-48$/m, 'the end of a flood no dead client holds back', 90_000);
      expect((await service.session(session.id)).state).toBe('running');
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
