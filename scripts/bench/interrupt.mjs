// interrupt_during_flood: Ctrl-C while a command floods the terminal (`cat /dev/urandom |
// base64`), until the shell's prompt is back, through the service's WebSocket against a raw
// hijacked attach. What the bridge adds is the output it holds between the engine and the
// client when the ^C goes in (flow control lets a client fall up to 1 MiB behind), which must
// reach the client before the prompt does. No target in the issue: a guard against a bridge
// that buffers more. (This was scripts/bench-bridge.mjs, on its own and without a baseline.)

import { openRaw, openSession } from './clients.mjs';
import { cpuQuiet } from './env.mjs';
import { alternate, now, sleep } from './stats.mjs';

const FLOOD = Buffer.from('cat /dev/urandom | base64\r');

async function ready(term) {
  await term.prompt;
  await term.stream.quiet(300);
}

/** resolves once `bytes` more bytes have arrived on `term` */
function flowing(term, bytes, timeoutMs) {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const timer = setTimeout(() => {
      term.stream.listeners.delete(on);
      reject(new Error(`the flood did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const on = (chunk) => {
      seen += chunk.length;
      if (seen < bytes) return;
      clearTimeout(timer);
      term.stream.listeners.delete(on);
      resolve();
    };
    term.stream.listeners.add(on);
  });
}

/**
 * The shell answers a command: what it read before its prompt was drawn (busybox's line editor
 * asks the terminal where its cursor is, and a client that does not answer races it) is typed
 * again, at most three times.
 */
async function answering(term, i) {
  for (let attempt = 0; ; attempt++) {
    try {
      await term.stream.until(`INT-${i}-${attempt}-OK`, () => term.send(Buffer.from(`echo INT-${i}-${attempt}-O''K\r`)), 5_000);
      return;
    } catch (err) {
      if (attempt === 2) throw err;
      term.send(Buffer.from([3]));
      await term.stream.quiet(300);
    }
  }
}

/** ms from ^C to the prompt, during a flood through `term` */
async function once(term, i, servicePid) {
  await answering(term, i);
  await term.stream.quiet(200);
  const started = flowing(term, 1 << 20, 30_000);
  term.send(FLOOD);
  await started;
  await sleep(1000);
  const t0 = now();
  // base64 prints no '#': the first one is the prompt's
  const back = await term.stream.until('# ', () => term.send(Buffer.from([3])), 60_000);
  await term.stream.quiet(200);
  await cpuQuiet(servicePid, { quietMs: 1500 });
  return back.at - t0;
}

export async function measure(ctx) {
  const session = await openSession(ctx.service, { target: ctx.target });
  let raw;
  try {
    raw = await openRaw({ target: ctx.target });
    await Promise.all([ready(session), ready(raw)]);
    let round = 0;
    const r = await alternate({
      warmup: 1,
      runs: ctx.quick ? 2 : 5,
      label: 'interrupt_during_flood',
      log: ctx.log,
      a: () => once(session, round++, ctx.service.pid),
      b: () => once(raw, round++, ctx.service.pid),
    });
    return [{ metric: 'interrupt_during_flood', ...r, unit: 'ms', target: '—', met: null, note: 'Ctrl-C during `cat /dev/urandom | base64` until the prompt' }];
  } finally {
    await Promise.allSettled([session.close(), raw?.close()]);
  }
}
