// Cross-site WebSocket hijacking and DNS rebinding, in a real Chromium against the real service.
// An attacker page served from another loopback origin (127.0.0.2, or the same address on
// another port) knows a live session's id, and even the token, and tries to attach and to create
// sessions: the upgrade is refused (403 on Origin) and nothing is created. The same script from
// the service's own page attaches. A page from a rebinding name (evil.example resolved to
// 127.0.0.1 by Chromium itself) is refused before it loads.

import { createServer, type Server } from 'node:http';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../backend/src/contract/index.js';
import { CHROMIUM, CHROMIUM_ARGS } from './helpers/browser.js';
import { startTarget, type Target } from './helpers/docker.js';
import { useE2E } from './helpers/harness.js';

/** runs in the page: tries the WebSocket, says how it ended */
const attempt = (url: string) =>
  new Promise<{ opened: boolean; frames: string[]; close: number | null }>((resolve) => {
    const ws = new WebSocket(url);
    const frames: string[] = [];
    let opened = false;
    ws.onopen = () => {
      opened = true;
    };
    ws.onmessage = (event) => {
      if (typeof event.data === 'string') frames.push(event.data);
      if (frames.length >= 1) ws.close(1000);
    };
    ws.onclose = (event) => resolve({ opened, frames, close: event.code });
  });

/** runs in the page: the ways a page can send a POST without CORS's permission */
const forgeSession = async ({ origin, target }: { origin: string; target: string }) => {
  const body = JSON.stringify({ target });
  const outcomes: string[] = [];
  for (const init of [
    { method: 'POST', mode: 'no-cors', body, headers: { 'content-type': 'text/plain' } },
    { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ target }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    { method: 'POST', mode: 'cors', body, headers: { 'content-type': 'application/json' } },
  ] as RequestInit[]) {
    try {
      const res = await fetch(`${origin}/api/sessions`, init);
      outcomes.push(`${res.type} ${res.status}`);
    } catch (err) {
      outcomes.push(`blocked: ${(err as Error).name}`);
    }
  }
  return outcomes;
};

const ATTACKER_PAGE = '<!doctype html><html><head><title>attacker</title></head><body>hello</body></html>';

function serveAttacker(host: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ATTACKER_PAGE));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      resolve({ server, origin: `http://${host}:${port}` });
    });
  });
}

describe('a page from another origin', () => {
  const e2e = useE2E();
  let target: Target;
  const attackers: Array<{ server: Server; origin: string }> = [];

  beforeAll(async () => {
    target = await startTarget();
    // another loopback address, and the service's own address on another port: both other origins
    attackers.push(await serveAttacker('127.0.0.2'), await serveAttacker('127.0.0.1'));
  });
  afterAll(async () => {
    for (const { server } of attackers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function liveSession(): Promise<Session> {
    const created = await e2e.service.api<Session>('/api/sessions', { method: 'POST', body: { target: target.name } });
    expect(created.status).toBe(201);
    return created.body;
  }

  it("cannot attach to a live session, even knowing its id and the token; the service's own page can", async () => {
    const session = await liveSession();
    const url = `ws://127.0.0.1:${e2e.service.port}/api/sessions/${session.id}/attach?token=${encodeURIComponent(e2e.service.token)}`;
    const refusals: string[] = [];
    for (const attacker of attackers) {
      const page = await e2e.page();
      await page.goto(`${attacker.origin}/`);
      expect(await page.title()).toBe('attacker');
      const result = await page.evaluate(attempt, url);
      expect(result.opened, `the WebSocket from ${attacker.origin} opened`).toBe(false);
      expect(result.frames).toEqual([]);
      // a refused upgrade shows to the page as an abnormal close, nothing more
      expect(result.close).toBe(1006);
      refusals.push(attacker.origin);
    }
    expect(refusals).toHaveLength(2);
    expect((await e2e.service.api<Session>(`/api/sessions/${session.id}`)).body.clients).toBe(0);

    const own = await e2e.page();
    await own.goto(`${e2e.service.origin}/`);
    const result = await own.evaluate(attempt, url);
    expect(result.opened).toBe(true);
    // the same URL from the served origin: attached, the screen or the state comes first
    expect(['snapshot', 'status']).toContain((JSON.parse(result.frames[0] ?? '{}') as { type?: string }).type);
  });

  it('cannot create a session with a forged POST (simple or preflighted)', async () => {
    for (const attacker of attackers) {
      const page = await e2e.page();
      await page.goto(`${attacker.origin}/`);
      const outcomes = await page.evaluate(forgeSession, { origin: e2e.service.origin, target: target.name });
      // no-cors answers are opaque; the preflighted one is blocked by CORS (no Access-Control headers)
      expect(outcomes.at(-1)).toMatch(/^blocked/);
    }
    expect(await e2e.service.sessions()).toEqual([]);
  });
});

describe('DNS rebinding in a browser', () => {
  const e2e = useE2E();

  it('refuses a page loaded by a foreign name that resolves to the service (403), and its API calls', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP evil.example 127.0.0.1'],
      timeout: 120_000,
    });
    try {
      const page = await browser.newPage();
      const response = await page.goto(`http://evil.example:${e2e.service.port}/`);
      expect(response?.status()).toBe(403);
      const body = JSON.parse((await response?.text()) ?? '{}') as { error?: { code?: string } };
      expect(body.error?.code).toBe('forbidden');
      const api = await page.evaluate(async (token) => {
        const res = await fetch('/api/sessions', { headers: { authorization: `Bearer ${token}` } });
        return res.status;
      }, e2e.service.token);
      expect(api).toBe(403);
    } finally {
      await browser.close();
    }
  });
});
