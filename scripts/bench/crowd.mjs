// A crowded engine for the scale benchmarks: N containers created (not started) and M running,
// busybox with no network, each labelled with the run's bench label (bench.mjs's clean-up finds
// them whatever happens) and a label of its own so that `remove` takes exactly these.

import { dockerAsync, docker } from './env.mjs';

const IMAGE = 'busybox:latest';
/** docker CLI processes at once: the engine serialises much of the work, more only queue */
const PARALLEL = 8;
const CROWD_LABEL = 'io.cdebug.bench.crowd';

async function pool(count, job) {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, count) }, worker));
}

/** creates `created` + `running` containers named `<prefix>-c-<i>` / `<prefix>-r-<i>`; answers remove() */
export async function crowd(ctx, { prefix, created, running }) {
  const labels = [...ctx.containers.labelArgs, '--label', `${CROWD_LABEL}=${ctx.runId}`];
  const remove = () => {
    const ids = docker('ps', '-aq', '--filter', `label=${CROWD_LABEL}=${ctx.runId}`).split('\n').filter(Boolean);
    // in slices: one `docker rm` with 1 200 arguments is fine, but the engine answers sooner in parts
    for (let i = 0; i < ids.length; i += 200) docker('rm', '-f', ...ids.slice(i, i + 200));
    return ids.length;
  };
  try {
    const t0 = Date.now();
    await pool(created, (i) => dockerAsync('create', '--network', 'none', ...labels, '--name', `${prefix}-c-${i}`, IMAGE, 'true'));
    await pool(running, (i) => dockerAsync('run', '-d', '--network', 'none', ...labels, '--name', `${prefix}-r-${i}`, IMAGE, 'sleep', '3600'));
    ctx.log(`crowd: ${created} created and ${running} running in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } catch (err) {
    remove();
    throw err;
  }
  return { remove };
}
