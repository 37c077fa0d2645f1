// memory_per_session: how much the service's resident set grows per idle session with a
// WebSocket client attached (no baseline: the engine's own tools keep no process per session).
// service_rss_at_start: the same service's resident set once it listens, before any session.
// Measured on a service of its own, started for this metric: the shared one has grown its heap
// on the floods of the other metrics, and would absorb new sessions in memory it already holds.

import { randomBytes } from 'node:crypto';
import { openSession } from './clients.mjs';
import { rssOf, startService } from './env.mjs';
import { median, sleep } from './stats.mjs';

async function settledRss(pid) {
  await sleep(1500);
  const samples = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssOf(pid));
    await sleep(200);
  }
  return median(samples);
}

async function openReady(ctx) {
  const session = await openSession(ctx.memoryService, { target: ctx.target });
  await session.prompt;
  return session;
}

export async function measure(outer) {
  const service = await startService({ token: `bench-memory-${randomBytes(12).toString('hex')}` });
  try {
    return await measureOn({ ...outer, memoryService: service });
  } finally {
    await service.stop();
  }
}

async function measureOn(ctx) {
  const n = ctx.quick ? 10 : 25;
  const pid = ctx.memoryService.pid;
  const atStart = await settledRss(pid);
  // warm-up: code loaded and compiled, pools allocated
  for (const s of await Promise.all([openReady(ctx), openReady(ctx)])) await s.close();
  const before = await settledRss(pid);
  const sessions = [];
  try {
    for (let i = 0; i < n; i += 5) {
      sessions.push(...(await Promise.all(Array.from({ length: Math.min(5, n - i) }, () => openReady(ctx)))));
    }
    const after = await settledRss(pid);
    const perSession = (after - before) / n / 1e6;
    ctx.log(`memory: RSS ${(before / 1e6).toFixed(1)} MB with no session, ${(after / 1e6).toFixed(1)} MB with ${n} idle attached sessions`);
    return [
      {
        metric: 'memory_per_session',
        cdebug: perSession,
        baseline: null,
        ratio: null,
        unit: 'MB',
        runs: n,
        target: '≤ 2 MB',
        met: perSession <= 2,
        note: `RSS ${(before / 1e6).toFixed(1)} → ${(after / 1e6).toFixed(1)} MB with ${n} sessions`,
      },
      {
        metric: 'service_rss_at_start',
        cdebug: atStart / 1e6,
        baseline: null,
        ratio: null,
        unit: 'MB',
        runs: 5,
        target: '≤ 80 MB',
        met: atStart <= 80e6,
        note: '`cdebug serve` once it listens, before any session (median of 5 samples)',
      },
    ];
  } finally {
    for (let i = 0; i < sessions.length; i += 10) await Promise.allSettled(sessions.slice(i, i + 10).map((s) => s.close()));
  }
}
