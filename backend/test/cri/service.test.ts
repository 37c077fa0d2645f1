// The service over a CRI runtime: a session on a container of a pod (the UI names targets by id),
// its prompt and output over the service's WebSocket, DELETE removing the sidecar before it
// answers; the catalog lists the pod's container by NAMESPACE/POD/CONTAINER, without the sidecar.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type ContainerSummary } from '../../src/contract/index.js';
import { criRuntime, type CriRuntime } from '../../src/runtimes/cri/runtime.js';
import { buildApp } from '../../src/server/app.js';
import { newToken } from '../../src/server/token.js';
import { serveOnLoopback, type LoopbackService } from '../kit/service.js';
import { TermClient } from '../server/term-client.js';
import { CRI_HOST, kitClient, removePod, runPod, runTarget, sidecarsIn, type TestPod } from './kit.js';

const api = kitClient();
let pod: TestPod;
let targetId: string;
let runtime: CriRuntime;
let service: LoopbackService;
const clients: TermClient[] = [];

beforeAll(async () => {
  pod = await runPod(api);
  targetId = await runTarget(api, pod);
  runtime = criRuntime(CRI_HOST, { owner: `service:test-cri-${process.pid}` });
  const token = newToken();
  service = await serveOnLoopback(buildApp({ sessionEngine: runtime.sessions, catalog: runtime.catalog, token, uiDir: null, idleTimeoutSeconds: 0 }), token);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await service?.close();
  runtime?.close();
  await removePod(api, pod);
  api.close();
});

describe('the service on a CRI runtime', () => {
  it("runs a session in the target's pod, shows its output, and DELETE removes the sidecar before answering", async () => {
    const session = await service.createSession({ target: targetId, cols: 100, rows: 30 });
    expect(session.target.name).toBe(`default/${pod.name}/app`);
    const client = await TermClient.open(service.wsUrl(session.id), { cols: 100, rows: 30 });
    clients.push(client);
    // the client's screen lines are trimmed: the prompt's trailing space is not there
    await client.waitFor(/\/srv #$/m, 'the prompt', 30_000);
    client.type('echo "target=$CRI_TARGET"; stty size\r');
    await client.waitFor(/^target=yes$/m, 'the output');
    await client.waitFor(/^30 100$/m, 'the size');
    expect(await sidecarsIn(api, pod)).toHaveLength(1);

    const containers = await service.api<ContainerSummary[]>('GET', routes.containers);
    expect(containers.body.map((c) => c.name)).toContain(`default/${pod.name}/app`);
    expect(containers.body.filter((c) => c.name.includes('cdebug-'))).toEqual([]);

    const res = await service.api('DELETE', routes.session(session.id));
    expect(res.status).toBe(204);
    expect(await sidecarsIn(api, pod)).toEqual([]);
    expect((await client.waitForFrame('exit')).type).toBe('exit');
  });
});
