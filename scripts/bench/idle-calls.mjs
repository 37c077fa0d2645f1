// idle_engine_calls_per_min: the page open (its events socket connected), nothing happening —
// how many engine API calls the service makes per minute, counted by a proxy on the engine
// socket, after the first list. Baseline: what the polling page cost before push (every 2 s a
// list of running containers and an inspect of each, every 3 s a version probe), made against
// the same proxy. Other helpers' containers on a shared engine cause events, and so inspects:
// those are counted too (the figure is an upper bound).

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

export async function measure(ctx) {
  const windowMs = ctx.quick ? 15_000 : 60_000;
  const live = await openLivePage(ctx);
  try {
    await rowOf(live.page, (await engineGet(live.proxy.socketPath, `/containers/${ctx.target}/json`)).Name.replace(/^\//, '')).waitFor();
    const before = live.proxy.requests.length;
    await sleep(windowMs);
    const seen = live.proxy.requests.slice(before);
    const cdebug = (seen.length * 60_000) / windowMs;
    if (seen.length) ctx.log(`idle calls: ${[...new Set(seen)].slice(0, 10).join(', ')}`);

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
