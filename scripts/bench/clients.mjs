// The two kinds of terminal client the metrics compare: a session of the service, reached the
// way the UI reaches it (POST /api/sessions, then the attach WebSocket, acknowledging every
// 64 KiB like the UI does), and a raw hijacked attach to the same kind of sidecar, made from
// this process with the engine module itself (no service in between).

import { hostname } from 'node:os';
import WebSocket from 'ws';
import { ROOT } from './env.mjs';
import { now } from './stats.mjs';

const ACK_EVERY = 64 * 1024;

/** a byte stream with helpers to wait for what comes next */
class Stream {
  constructor() {
    this.total = 0;
    this.listeners = new Set();
  }

  received(chunk) {
    this.total += chunk.length;
    for (const l of [...this.listeners]) l(chunk);
  }

  /** resolves with the time and byte count once `mark` has appeared (across chunk boundaries) */
  until(mark, action, timeoutMs = 600_000) {
    return new Promise((resolve, reject) => {
      let tail = '';
      let bytes = 0;
      const timer = setTimeout(() => {
        this.listeners.delete(on);
        reject(new Error(`no ${JSON.stringify(mark)} within ${timeoutMs / 1000} s (last bytes: ${JSON.stringify(tail.slice(-80))})`));
      }, timeoutMs);
      const on = (chunk) => {
        bytes += chunk.length;
        tail = (tail + chunk.toString('latin1')).slice(-(mark.length + 256));
        if (tail.includes(mark)) {
          clearTimeout(timer);
          this.listeners.delete(on);
          resolve({ at: now(), bytes });
        }
      };
      this.listeners.add(on);
      action?.();
    });
  }

  /** resolves once no byte has arrived for `ms` */
  quiet(ms) {
    return new Promise((resolve) => {
      const finish = () => {
        this.listeners.delete(on);
        resolve();
      };
      let timer = setTimeout(finish, ms);
      const on = () => {
        clearTimeout(timer);
        timer = setTimeout(finish, ms);
      };
      this.listeners.add(on);
    });
  }
}

const PROMPT_TIMEOUT_MS = 120_000;

/** rejects when `promise` has not settled within `ms` */
function within(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms);
      timer.unref();
    }),
  ]);
}

/** POST /api/sessions, then the attach WebSocket; `prompt` resolves at the first output byte */
export async function openSession(service, { target, cols = 80, rows = 24 } = {}) {
  const t0 = now();
  const res = await fetch(`http://${service.base}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ target, cols, rows }),
  });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`POST /api/sessions answered ${res.status}: ${JSON.stringify(body)}`);
  const id = body.id;
  const stream = new Stream();
  const ws = new WebSocket(`ws://${service.base}/api/sessions/${id}/attach?token=${encodeURIComponent(service.token)}`, {
    perMessageDeflate: false,
  });
  let acked = 0;
  let binary = 0;
  let firstByte;
  const prompt = new Promise((resolve, reject) => {
    firstByte = { resolve, reject };
  });
  let prompted = false;
  const got = (chunk) => {
    if (!prompted && chunk.length > 0) {
      prompted = true;
      firstByte.resolve(now() - t0);
    }
    stream.received(chunk);
  };
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      binary += data.length;
      if (binary - acked >= ACK_EVERY) {
        acked = binary;
        ws.send(JSON.stringify({ type: 'ack', bytes: binary }));
      }
      got(data);
      return;
    }
    const frame = JSON.parse(data.toString('utf8'));
    if (frame.type === 'snapshot' && frame.data) got(Buffer.from(frame.data, 'utf8'));
    else if (frame.type === 'error' && !prompted) firstByte.reject(new Error(`session ${id}: ${frame.code}: ${frame.message}`));
  });
  ws.on('error', (err) => !prompted && firstByte.reject(err));
  ws.on('close', (code) => !prompted && firstByte.reject(new Error(`session ${id}: the WebSocket closed (${code}) before any output`)));
  const bounded = within(prompt, PROMPT_TIMEOUT_MS, `session ${id}: first output`);
  bounded.catch(() => undefined);
  return {
    id,
    stream,
    /** ms from the POST to the first output byte */
    prompt: bounded,
    send: (bytes) => ws.send(bytes, { binary: true }),
    /** closes the socket and DELETEs the session (resolves once its sidecar is gone) */
    async close() {
      ws.close();
      const del = await fetch(`http://${service.base}/api/sessions/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${service.token}` },
      });
      if (del.status !== 204 && del.status !== 404) throw new Error(`DELETE session ${id} answered ${del.status}`);
    },
  };
}

let engineModules = null;
async function engineApi() {
  engineModules ??= (async () => {
    const dist = (p) => new URL(`backend/dist/${p}`, `file://${ROOT}/`).href;
    const { connectEngine } = await import(dist('runtimes/docker/api/connect.js'));
    const { dockerodeApi } = await import(dist('runtimes/docker/api/container-api.js'));
    const { prepareDebug, launchDebug } = await import(dist('runtimes/docker/api/debug.js'));
    const { newSessionId } = await import(dist('sessions/session-id.js'));
    return { api: dockerodeApi(connectEngine()), prepareDebug, launchDebug, newSessionId };
  })();
  return engineModules;
}

/** the baseline: the engine's own hijacked attach to a sidecar of the same kind, from Node */
export async function openRaw({ target, cols = 80, rows = 24 }) {
  const { api, prepareDebug, launchDebug, newSessionId } = await engineApi();
  const t0 = now();
  const prepared = await prepareDebug(
    api,
    {
      target,
      tty: true,
      stdin: true,
      stdinOnce: false,
      term: 'xterm-256color',
      owner: `bench:${hostname()}:${process.pid}`,
      cols,
      rows,
    },
    newSessionId(),
  );
  const handle = await launchDebug(api, prepared);
  const stream = new Stream();
  const prompt = new Promise((resolve) => {
    const first = (chunk) => {
      if (chunk.length === 0) return;
      handle.output.off('data', first);
      resolve(now() - t0);
    };
    handle.output.on('data', first);
  });
  handle.output.on('data', (chunk) => stream.received(chunk));
  return {
    id: handle.id,
    stream,
    prompt: within(prompt, PROMPT_TIMEOUT_MS, `raw attach ${handle.id.slice(0, 12)}: first output`),
    send: (bytes) => handle.write(bytes),
    close: () => handle.stop(),
  };
}
