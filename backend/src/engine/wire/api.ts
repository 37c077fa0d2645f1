// ContainerApi over cdebug's own client: each call one request, paths as the engine's API
// reference has them (no version prefix: the engine then speaks its own, as with dockerode).
// A pull is rare on this path (the toolkit is usually there) and streams progress: it goes
// through dockerode, loaded only then.

import type { ContainerApi } from '../container-api.js';
import type { WireClient } from './client.js';

const enc = encodeURIComponent;

export function wireApi(client: WireClient, slowPath: () => Promise<ContainerApi>): ContainerApi {
  return {
    inspect: (ref) => client.json('GET', `/containers/${enc(ref)}/json`),
    async create(name, body) {
      const created = await client.json<{ Id: string }>('POST', `/containers/create${name ? `?name=${enc(name)}` : ''}`, body);
      return created.Id;
    },
    async start(id) {
      await client.call('POST', `/containers/${enc(id)}/start`);
    },
    async resize(id, cols, rows) {
      await client.call('POST', `/containers/${enc(id)}/resize?h=${rows}&w=${cols}`);
    },
    async remove(id) {
      await client.call('DELETE', `/containers/${enc(id)}?force=true`);
    },
    async execDetached(id, cmd, user) {
      const exec = await client.json<{ Id: string }>('POST', `/containers/${enc(id)}/exec`, {
        Cmd: cmd,
        AttachStdout: false,
        AttachStderr: false,
        User: user,
      });
      await client.call('POST', `/exec/${enc(exec.Id)}/start`, { Detach: true });
    },
    attach: (id, query) => client.upgrade(`/containers/${enc(id)}/attach?${query}`),
    wait: (id, condition) => client.stream('POST', `/containers/${enc(id)}/wait?condition=${condition}`),
    ensureImage: async (ref, onPull, signal) => (await slowPath()).ensureImage(ref, onPull, signal),
  };
}
