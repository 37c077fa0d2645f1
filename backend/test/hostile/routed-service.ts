// A real service (real engine, loopback port, the built UI or the minimal page) that also says
// which routes it has: an onRoute hook added before the app is ready sees every route its
// plugins register, so the security tests cover routes added later without being told.

import type { FailureTracker } from '../../src/server/failures.js';
import type { Listening } from '../../src/server/listen.js';
import { newToken } from '../../src/server/token.js';
import { serveOnLoopback } from '../kit/service.js';
import { dockerApp } from '../server/live-service.js';

export interface Route {
  method: string;
  url: string;
  websocket: boolean;
}

export interface RoutedService {
  port: number;
  token: string;
  routes: Route[];
  listening: Listening;
}

export async function startRouted(owner: string, options: { token?: string; failures?: FailureTracker } = {}): Promise<RoutedService> {
  const token = options.token ?? newToken();
  const app = dockerApp(owner, token, { reconcile: false, ...(options.failures ? { failures: options.failures } : {}) });
  const routes: Route[] = [];
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    const ws = route as { websocket?: boolean; wsHandler?: unknown };
    const websocket = ws.websocket === true || typeof ws.wsHandler === 'function';
    for (const method of methods) routes.push({ method, url: route.url, websocket });
  });
  const { port, listening } = await serveOnLoopback(app, token);
  return { port, token, routes, listening };
}

/** a concrete path for a route pattern: parameters and wildcards filled with harmless values */
export function concrete(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, 'hostile-probe').replace(/\*/g, 'index.html');
}
