// The app factory: builds the service, never listens (listen.ts does). Cross-cutting concerns
// (errors, the security guard, headers) are set on the root; each group of routes is its own
// encapsulated plugin. Everything opened is closed in onClose.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_ENGINE_NAME, MAX_REQUEST_BODY, MAX_WS_FRAME, SESSION_ID_MAX_LENGTH } from '../contract/index.js';
import { EnginePool } from '../runtimes/pool.js';
import { SessionManager } from '../sessions/manager.js';
import type { CatalogEngine, ForwardEngine, SessionEngine } from '../runtimes/port.js';
import { CLOSE_GOING_AWAY } from '../sessions/session.js';
import { acceptEmptyJsonBodies } from './empty-json-body.js';
import { DownloadTickets } from './download-tickets.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { FailureTracker } from './failures.js';
import { frameworkErrors } from './framework-errors.js';
import { makeGuard, type OriginPolicy, securityHeaders } from './guard.js';
import { forwardUrlFor } from './forward-host.js';
import { type ListenerInfo, Listeners } from './listeners.js';
import { type EngineReconciler, reconcileEngines } from './reconcile-engines.js';
import { catalogRoutes } from './routes/catalog.js';
import { connectionRoutes } from './routes/connection.js';
import { engineRoutes } from './routes/engines.js';
import { eventRoutes } from './routes/events.js';
import { LiveCatalog } from './live/catalog.js';
import { healthRoutes } from './routes/health.js';
import { sessionRoutes } from './routes/sessions.js';
import { forwardRoutesPlugin } from './routes/forwards.js';
import { ForwardRegistry } from '../sessions/forward-registry.js';
import { PortForward } from '../sessions/port-forward.js';
import { staticUi } from './static-ui.js';
import { redactUrl } from './token.js';
import { wsBridge } from './ws-bridge.js';
import type { AuditLog } from './audit/log.js';
import { AuditTrail } from './audit/trail.js';
import { auditRoutes } from './routes/audit.js';
import { recordingRoutes } from './routes/recording.js';
import { fileRoutes } from './routes/files.js';
import type { RecordingCaps } from '../sessions/recording/store.js';

/** One engine (named "default"), or several by name. */
export type AppEngines =
  | {
      /** the engine behind sessions (the service's owner label is baked into it) */
      sessionEngine: SessionEngine;
      /** the engine behind health, containers and toolkits */
      catalog: CatalogEngine;
      /** the engine behind port-forwards; without it, forwards are refused */
      forwards?: ForwardEngine;
      /** where that engine is, for people (`GET /api/engines`); default: its name */
      host?: string;
      engines?: undefined;
    }
  | {
      /** every engine; health reports the default one */
      engines: EnginePool;
      sessionEngine?: undefined;
      catalog?: undefined;
      host?: undefined;
    };

export type AppOptions = AppEngines & {
  /** required on every TCP /api request */
  token: string;
  /** seconds; 0 never (default 1800) */
  idleTimeoutSeconds?: number;
  /** leave sidecars running at close, for the next instance to re-adopt (default: end them) */
  keepSessionsOnClose?: boolean;
  /** take over this owner's sidecars from an earlier run when ready (default true) */
  reconcile?: boolean;
  /** the built UI; default ui/dist of this checkout; null: the minimal page */
  uiDir?: string | null;
  /** origins besides the service's own that may open WebSockets */
  allowedOrigins?: string[];
  /** which pages may open WebSockets on TCP (guard.ts); default 'same-origin' */
  originPolicy?: OriginPolicy;
  /** what a request without a real socket (inject) counts as; default TCP 127.0.0.1:80 */
  injectedAs?: ListenerInfo;
  logger?: FastifyServerOptions['logger'];
  failures?: FailureTracker;
  /** where session events are appended (closed with the app); none: no audit trail */
  auditLog?: AuditLog;
  /** how much recorded output is kept (default 8 MiB a session, 64 MiB in all) */
  recordings?: RecordingCaps;
};

export interface ServiceContext {
  sessions: SessionManager;
  listeners: Listeners;
  engines: EnginePool;
  /** listen.ts splices connections that name a forward's host into it */
  forwards: ForwardRegistry;
}

declare module 'fastify' {
  interface FastifyInstance {
    cdebug: ServiceContext;
  }
}

export const BODY_LIMIT = MAX_REQUEST_BODY;
/** keystrokes and pastes; the UI splits larger pastes */
export const MAX_WS_PAYLOAD = MAX_WS_FRAME;
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 1800;

export function serviceVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

export const DEFAULT_UI_DIR = fileURLToPath(new URL('../../../ui/dist', import.meta.url));

function loggerOptions(logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    // the token may ride in an upgrade's query string: never log it
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: redactUrl(req.url ?? '') }),
    },
  };
}

export function buildApp(options: AppOptions): FastifyInstance {
  if (!options.token) throw new TypeError('buildApp needs a token');
  const version = serviceVersion();
  const listeners = new Listeners(options.injectedAs);
  const guard = makeGuard({
    token: options.token,
    listeners,
    allowedOrigins: options.allowedOrigins ?? [],
    originPolicy: options.originPolicy,
    failures: options.failures,
  });
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: BODY_LIMIT,
    // the only path parameter is a session id (framework-errors.ts answers longer ones)
    routerOptions: { maxParamLength: SESSION_ID_MAX_LENGTH },
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
    // malformed paths are answered before the hooks: make them pass the guard all the same
    frameworkErrors: frameworkErrors(guard),
  });
  acceptEmptyJsonBodies(app);

  const engines =
    options.engines ??
    new EnginePool([
      {
        name: DEFAULT_ENGINE_NAME,
        host: options.host ?? DEFAULT_ENGINE_NAME,
        catalog: options.catalog,
        sessions: options.sessionEngine,
        ...(options.forwards ? { forwards: options.forwards } : {}),
      },
    ]);
  const audit = options.auditLog ? new AuditTrail(options.auditLog) : null;
  const sessions = new SessionManager({
    engines,
    idleTimeoutMs: (options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS) * 1000,
    keepOnShutdown: options.keepSessionsOnClose === true,
    log: app.log,
    ...(options.recordings ? { recordings: options.recordings } : {}),
    ...(audit ? { onSessionEnded: (session: Parameters<AuditTrail['ended']>[0]) => audit.ended(session) } : {}),
  });
  // a forward's URL depends on the TCP listener, known once it listens: asked at each answer
  const forwards = new ForwardRegistry(
    engines,
    (local, open) => PortForward.start(local, open),
    app.log,
    (f) => forwardUrlFor(listeners.tcp, f),
  );
  app.decorate('cdebug', { sessions, listeners, engines, forwards });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onRequest', guard);
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request, reply);
    done();
  });

  void app.register(websocket, {
    options: { maxPayload: MAX_WS_PAYLOAD, perMessageDeflate: false, clientTracking: true },
    preClose(done) {
      // tell attached clients the service is going away; their sessions end in onClose
      for (const client of this.websocketServer.clients) client.close(CLOSE_GOING_AWAY, 'service shutting down');
      // no waiting for every client's answer: a silent one would hold the shutdown for 30 s
      this.websocketServer.close();
      done();
    },
  });
  const auditLog = options.auditLog;
  void app.register(healthRoutes, { catalog: engines.entry().catalog, version, ...(auditLog ? { audit: () => auditLog.status() } : {}) });
  void app.register(engineRoutes, { engines });
  // one event stream per engine for the whole service, whatever the number of clients
  const live = new LiveCatalog(engines, app.log);
  void app.register(catalogRoutes, { engines, live });
  void app.register(eventRoutes, { catalog: live, sessions });
  void app.register(sessionRoutes, { sessions, audit });
  void app.register(recordingRoutes, { sessions });
  void app.register(fileRoutes, { sessions, tickets: new DownloadTickets(), listeners });
  void app.register(auditRoutes, { audit: auditLog ?? null });
  void app.register(forwardRoutesPlugin, { forwards });
  void app.register(wsBridge, { sessions, audit });
  void app.register(connectionRoutes, { listeners, token: options.token });
  void app.register(staticUi, { root: options.uiDir === undefined ? DEFAULT_UI_DIR : options.uiDir, version });

  app.addHook('onReady', (done) => {
    // not awaited: the first lists must not hold the listener back (/api/events waits for them)
    void live.start();
    done();
  });
  let reconciler: EngineReconciler | null = null;
  if (options.reconcile !== false) {
    // each engine on its own; one that does not answer is tried again until it does
    app.addHook('onReady', async () => {
      reconciler = reconcileEngines(engines, sessions, app.log);
      // an earlier run's forward helpers are nobody's now (no listener survives a restart);
      // not awaited: an engine that does not answer must not hold up the start
      void forwards.removeLeftovers();
      await reconciler.firstPass;
    });
  }
  app.addHook('onClose', async () => {
    // a late adoption must not slip in after the sessions are ended
    await reconciler?.stop();
    await live.stop();
    await Promise.all([sessions.shutdown(), forwards.shutdown()]);
    // the sessions' last events are in the trail before it closes
    await auditLog?.close();
  });
  return app;
}
