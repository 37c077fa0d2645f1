// idle_engine_calls_per_min: the page open (its events socket connected), nothing happening —
// how many engine API calls the service makes per minute, counted by a proxy on the engine
// socket, after the first list. Baseline: what the polling page cost before push (every 2 s a
// list of running containers and an inspect of each, every 3 s a version probe), made against
// the same proxy. On a shared engine other people's containers cause events, and each event
// costs one inspect: those are counted apart (logged as event-driven), as the engine's own
// event stream, read here directly, names them; the figure is every other call.

import { request } from 'node:http';
import { openLivePage, rowOf } from './live-page.mjs';
import { sleep } from './stats.mjs';

function engineGet(socketPath, path) {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    req.end();
  });
}

/** the ids of containers with events from now on, read from the engine's own stream */
function eventIds(socketPath) {
  const ids = new Set();
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path: '/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D', method: 'GET' }, (res) => {
      let pending = '';
      res.on('data', (d) => {
        pending += d;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) ids.add(JSON.parse(line).id);
      });
      resolve({ ids, stop: () => req.destroy() });
    });
    req.on('error', (err) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
    req.end();
  });
}

export async function measure(ctx) {
  const windowMs = ctx.quick ? 15_000 : 60_000;
  const live = await openLivePage(ctx);
  try {
    await rowOf(live.page, (await engineGet(live.proxy.socketPath, `/containers/${ctx.target}/json`)).Name.replace(/^\//, '')).waitFor();
    const evented = await eventIds(live.proxy.engineSocket);
    const before = live.proxy.requests.length;
    await sleep(windowMs);
    await sleep(500); // an event's inspect follows it by a moment
    evented.stop();
    const seen = live.proxy.requests.slice(before);
    const driven = seen.filter((r) => [...evented.ids].some((id) => r === `GET /containers/${id}/json`));
    const unprompted = seen.filter((r) => !driven.includes(r));
    const cdebug = (unprompted.length * 60_000) / windowMs;
    ctx.log(`idle window: ${evented.ids.size} container(s) of others had events, ${driven.length} inspect(s) for them; ${unprompted.length} other call(s)`);
    if (unprompted.length) ctx.log(`unprompted calls: ${[...new Set(unprompted)].slice(0, 10).join(', ')}`);

    // the old page's polls, for the same time, through the same proxy
    const start = live.proxy.requests.length;
    const until = Date.now() + windowMs;
    let nextVersion = 0;
    while (Date.now() < until) {
      const listed = await engineGet(live.proxy.socketPath, '/containers/json?filters=%7B%22status%22%3A%5B%22running%22%5D%7D');
      await Promise.all(listed.map((c) => engineGet(live.proxy.socketPath, `/containers/${c.Id}/json`)));
      if (Date.now() >= nextVersion) {
        await engineGet(live.proxy.socketPath, '/version');
        nextVersion = Date.now() + 3000;
      }
      await sleep(2000);
    }
    const baseline = ((live.proxy.requests.length - start) * 60_000) / windowMs;
    return [{ metric: 'idle_engine_calls_per_min', cdebug, baseline, ratio: cdebug / baseline, runs: 1, unit: 'calls/min', target: '0', met: cdebug === 0 }];
  } finally {
    await live.close();
  }
}
