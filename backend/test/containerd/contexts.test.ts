// `cdebug contexts` lists the containerd that CONTAINERD_ADDRESS names (as ctr reads it), with the
// address `--host` takes, and whether it answers.

import { describe, expect, it } from 'vitest';
import { cdebug, describeRun, ensureBuilt } from '../helpers/cli.js';
import { SOCKET } from './ctr.js';

interface Row {
  name: string;
  endpoint: { host: string };
  engine?: { name: string; version: string };
  error?: { code: string; message: string };
}

describe('cdebug contexts with a containerd', () => {
  it('lists the containerd of CONTAINERD_ADDRESS in CONTAINERD_NAMESPACE, reachable', async () => {
    ensureBuilt();
    const r = await cdebug(['contexts', '--json'], { env: { CONTAINERD_ADDRESS: SOCKET, CONTAINERD_NAMESPACE: 'k8s.io' } });
    expect(r.code, describeRun(r)).toBe(0);
    const row = (JSON.parse(r.stdout) as Row[]).find((x) => x.name === 'containerd');
    expect(row?.endpoint.host).toBe(`containerd://${SOCKET}?namespace=k8s.io`);
    expect(row?.engine?.name).toBe('containerd (namespace k8s.io)');
    expect(row?.engine?.version).toMatch(/^\d+\.\d+/);
  });

  it('says when it does not answer, and lists none without CONTAINERD_ADDRESS', async () => {
    const gone = await cdebug(['contexts'], { env: { CONTAINERD_ADDRESS: '/run/ctrd-nothing-here.sock' } });
    expect(gone.stdout, describeRun(gone)).toMatch(
      /^containerd\s.*containerd:\/\/\/run\/ctrd-nothing-here\.sock\?namespace=default\s+unreachable: containerd at/m,
    );
    const none = await cdebug(['contexts', '--no-check'], { env: { CONTAINERD_ADDRESS: undefined } });
    expect(none.stdout, describeRun(none)).not.toMatch(/^containerd\s/m);
  });
});
