// event_to_screen: a `docker run -d` from a terminal until its row shows in Chromium (the page
// open beforehand, never reloaded). Baseline: the `docker run -d` itself, until it returns.
// Target ≤ 1 s.

import { dockerAsync } from './env.mjs';
import { openLivePage, rowOf } from './live-page.mjs';
import { alternate, now } from './stats.mjs';

export async function measure(ctx) {
  const live = await openLivePage(ctx);
  const runArgs = (name) => ['run', '-d', '--network', 'none', ...ctx.containers.labelArgs, '--name', name, 'cdebug-fixture/distroless:latest'];
  let n = 0;
  const made = [];
  try {
    const r = await alternate({
      warmup: 1,
      runs: ctx.quick ? 3 : 15,
      label: 'event_to_screen',
      log: ctx.log,
      a: async () => {
        const name = `evt-bench-${ctx.runId}-${n++}`;
        made.push(name);
        const t0 = now();
        const run = dockerAsync(...runArgs(name));
        await rowOf(live.page, name).waitFor();
        const shown = now() - t0;
        await run;
        return shown;
      },
      b: async () => {
        const name = `evt-bench-${ctx.runId}-${n++}`;
        made.push(name);
        const t0 = now();
        await dockerAsync(...runArgs(name));
        return now() - t0;
      },
    });
    return [{ metric: 'event_to_screen', ...r, unit: 'ms', target: '≤ 1000 ms', met: r.cdebug <= 1000 }];
  } finally {
    await live.close();
    // its own containers go with it: the bench's final clean-up counts what is left as sidecars
    if (made.length > 0) await dockerAsync('rm', '-f', ...made).catch(() => undefined);
  }
}
