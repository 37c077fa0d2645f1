// The service in the test's own process: an app (one engine or several, real or fake) listening
// on a free loopback port, with the client calls every service test makes. One launcher, so that
// the single-engine, two-engine and hostile suites talk to their service the same way.

import type { buildApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { fetchApi, sessionCalls, type SessionCalls } from '../helpers/service-client.js';

export interface LoopbackService extends SessionCalls {
  port: number;
  token: string;
  base: string;
  listening: Listening;
  api: ReturnType<typeof fetchApi>;
  close(): Promise<void>;
}

/**
 * starts `app` on 127.0.0.1 (a free port) and gives the calls to it with `token`;
 * `publishedOnLoopback`: as the extension's listener is (forwards offered by host name)
 */
export async function serveOnLoopback(
  app: ReturnType<typeof buildApp>,
  token: string,
  options: { publishedOnLoopback?: boolean } = {},
): Promise<LoopbackService> {
  const listening = await listen(app, { tcp: { host: '127.0.0.1', port: 0, publishedOnLoopback: options.publishedOnLoopback === true } });
  const port = listening.port as number;
  const base = `http://127.0.0.1:${port}`;
  const api = fetchApi(base, token);
  return { port, token, base, listening, api, ...sessionCalls(port, token, api), close: () => listening.close() };
}
