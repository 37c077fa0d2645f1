// time_to_prompt: POST /api/sessions + the attach WebSocket until the shell's first output byte
// (its prompt), against the docker CLI starting the same sidecar by hand until its first byte.

import { openSession } from './clients.mjs';
import { sidecarArgs, timeProcess } from './docker-run.mjs';
import { alternate } from './stats.mjs';

export async function measure(ctx) {
  const { target } = ctx;
  const r = await alternate({
    warmup: 1,
    runs: ctx.quick ? 3 : 20,
    label: 'time_to_prompt',
    log: ctx.log,
    a: async () => {
      const session = await openSession(ctx.service, { target });
      try {
        return await session.prompt;
      } finally {
        await session.close();
      }
    },
    b: async () => {
      const { first } = await timeProcess('docker', sidecarArgs(ctx.containers, target, ['sh', '-c', 'echo ready']));
      if (first === null) throw new Error('the baseline sidecar printed nothing');
      return first;
    },
  });
  return [{ metric: 'time_to_prompt', ...r, unit: 'ms', target: 'ratio ≤ 1.05', met: r.ratio <= 1.05 }];
}
