// `cdebug serve`: the web UI and the HTTP/WebSocket API. The option table and the plan are
// pure and load nothing; the service itself (Fastify, the engine client) is loaded in run().

import { homedir, hostname } from 'node:os';
import { CdebugError, fail, ok, type Result } from '../../contract/index.js';
import { normalizeEngineAddress } from '../../runtimes/adapters.js';
import { planEngines } from '../../runtimes/docker/spec.js';
import type { OriginPolicy } from '../../server/guard.js';
import type { ServePlan } from '../../server/run.js';
import { serviceOwner } from '../../sessions/owner.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { type CommandSpec, flag, formatHelp, list, type Parsed, str } from '../options.js';
import { reportError } from '../report.js';
import { defaultAuditLog } from './audit-path.js';

export const DEFAULT_PORT = 7681;
export const DEFAULT_HOST = '127.0.0.1';
const MIN_TOKEN_LENGTH = 16;

/** --origin-policy's values (the type lives with the guard; a type import loads nothing) */
const ORIGIN_POLICY_HELP: Record<OriginPolicy, string> = {
  'same-origin': 'only pages this service served, and CDEBUG_ALLOWED_ORIGINS (the default)',
  'token-only': 'any page that has the token (the Docker Desktop extension, whose page has no fixed origin)',
};

export const serveSpec: CommandSpec = {
  name: 'serve',
  usage:
    'cdebug serve [--socket PATH] [--port N] [--host H] [--token T] [--open] [--allow-remote] [--published-on-loopback] [--origin-policy P] [--engine NAME=URL]... [--context NAME]... [--default-engine NAME]',
  summary: [
    'Serve the web UI and the HTTP/WebSocket API against the local engine (DOCKER_HOST or the default socket),',
    'or against several engines at once, each named with --engine or a Docker context with --context (the first --engine, else the first',
    '--context, is the default unless --default-engine says otherwise). Without either: the engine the environment selects, named "default".',
    `Without --socket or --port it listens on http://${DEFAULT_HOST}:${DEFAULT_PORT} and prints a URL with its access token.`,
    'Environment: CDEBUG_IDLE_TIMEOUT (seconds with no client before a session ends; default 1800, 0 never),',
    'CDEBUG_ALLOWED_ORIGINS (comma-separated extra origins that may open WebSockets), CDEBUG_UI_DIR (the built UI),',
    'CDEBUG_LOG_LEVEL (default warn), CDEBUG_ENGINES (NAME=URL,NAME=URL: the engines when no --engine is given).',
  ].join('\n'),
  options: [
    {
      name: 'socket',
      value: 'PATH',
      env: 'CDEBUG_SOCKET',
      description: 'Listen on a unix socket too (trusted: no token), e.g. /run/guest-services/cdebug.sock',
    },
    {
      name: 'port',
      value: 'N',
      env: 'CDEBUG_PORT',
      description: `Listen on TCP port N (default ${DEFAULT_PORT} unless only --socket is given; 0 picks a free one)`,
    },
    { name: 'host', value: 'H', env: 'CDEBUG_HOST', description: `Address for TCP (default ${DEFAULT_HOST}; others need --allow-remote)` },
    {
      name: 'token',
      value: 'T',
      env: 'CDEBUG_TOKEN',
      description: `Access token for TCP requests, ${MIN_TOKEN_LENGTH}+ characters (default: 128 random bits)`,
    },
    { name: 'open', description: 'Open the URL in a browser' },
    {
      name: 'origin-policy',
      value: 'P',
      env: 'CDEBUG_ORIGIN_POLICY',
      description: `Which pages may open WebSockets: ${Object.entries(ORIGIN_POLICY_HELP)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`,
    },
    { name: 'allow-remote', env: 'CDEBUG_ALLOW_REMOTE', description: 'Allow a non-loopback --host (a root shell on this machine: the token stays required)' },
    {
      name: 'published-on-loopback',
      env: 'CDEBUG_PUBLISHED_ON_LOOPBACK',
      description:
        "Inside a container whose port the engine publishes on the host's 127.0.0.1 only: allow --host 0.0.0.0, and still accept loopback Host names only",
    },
    {
      name: 'engine',
      value: 'NAME=URL',
      repeat: true,
      description:
        'Drive this engine too, by name (unix:///path, tcp://host:port, ssh://user@host; containerd:///path/to/containerd.sock?namespace=NS for containerd; cri:///path for a Kubernetes CRI runtime); repeat for more',
    },
    { name: 'context', value: 'NAME', repeat: true, description: 'Drive the engine of this Docker context too, named after it; repeat for more' },
    {
      name: 'default-engine',
      value: 'NAME',
      env: 'CDEBUG_DEFAULT_ENGINE',
      description: 'The engine that requests naming none go to (default: the first --engine)',
    },
    {
      name: 'keep-sessions',
      env: 'CDEBUG_KEEP_SESSIONS',
      description: 'At shutdown, leave sessions running for the next start to take over (default: end them)',
    },
    {
      name: 'audit-log',
      value: 'FILE',
      env: 'CDEBUG_AUDIT_LOG',
      description: 'Append one JSON line per session event to FILE (default $XDG_STATE_HOME or ~/.local/state, then cdebug/audit.log)',
    },
    { name: 'help', short: 'h', description: 'Show this help' },
  ],
};

function wholeNumber(value: string, max: number): number | null {
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

/** flags win over the environment (parseArgs has already applied that rule to the flags' own variables) */
export function planServe(parsed: Parsed, env: NodeJS.ProcessEnv, host = hostname(), home = homedir()): Result<ServePlan> {
  const v = parsed.values;
  if (parsed.positionals.length > 0) return fail('bad_request', `cdebug serve takes no arguments (got "${parsed.positionals[0]}")`);
  const socketPath = str(v.socket) ?? null;
  const portText = str(v.port);
  const hostText = str(v.host);
  let tcp: ServePlan['tcp'] = null;
  if (portText !== undefined || hostText !== undefined || socketPath === null) {
    const port = portText === undefined ? DEFAULT_PORT : wholeNumber(portText, 65535);
    if (port === null) return fail('bad_request', `--port ${portText} is not a port: give a number from 0 to 65535`);
    tcp = { host: hostText ?? DEFAULT_HOST, port, allowRemote: flag(v['allow-remote']), publishedOnLoopback: flag(v['published-on-loopback']) };
  }
  const token = str(v.token) ?? null;
  if (token !== null && (token.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token))) {
    return fail('bad_request', `--token must be at least ${MIN_TOKEN_LENGTH} printable characters without spaces (or leave it out for a random one)`);
  }
  const idleText = env.CDEBUG_IDLE_TIMEOUT;
  const idle = idleText === undefined || idleText === '' ? 1800 : wholeNumber(idleText, 365 * 24 * 3600);
  if (idle === null) return fail('bad_request', `CDEBUG_IDLE_TIMEOUT=${idleText} is not a number of seconds (0 never ends idle sessions)`);
  // a compose file or an extension sets the list in one variable; flags, when given, replace it
  const flagged = list(v.engine);
  const specs =
    flagged.length > 0
      ? flagged
      : (env.CDEBUG_ENGINES ?? '')
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean);
  // containerd:// addresses too: runtimes/adapters.ts checks each by its kind
  const engines = planEngines(specs, str(v['default-engine']), list(v.context), normalizeEngineAddress);
  if (!engines.ok) return engines;
  const allowedOrigins = (env.CDEBUG_ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const policyText = str(v['origin-policy']) || 'same-origin';
  if (!Object.hasOwn(ORIGIN_POLICY_HELP, policyText)) {
    return fail('bad_request', `--origin-policy ${policyText} is not a policy: give ${Object.keys(ORIGIN_POLICY_HELP).join(' or ')}`);
  }
  const originPolicy = policyText as OriginPolicy;
  return ok({
    socketPath,
    tcp,
    token,
    open: flag(v.open),
    keepSessions: flag(v['keep-sessions']),
    idleTimeoutSeconds: idle,
    allowedOrigins,
    originPolicy,
    uiDir: env.CDEBUG_UI_DIR || undefined,
    logLevel: env.CDEBUG_LOG_LEVEL || 'warn',
    owner: serviceOwner(host, { socketPath, tcp }),
    engines: engines.value.engines,
    defaultEngine: engines.value.defaultName,
    auditLog: str(v['audit-log']) || defaultAuditLog(env, home),
  });
}

export const serveCommand: Command = {
  spec: serveSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(serveSpec));
      return EXIT.ok;
    }
    const plan = planServe(parsed, io.env);
    if (!plan.ok) return reportError(io, new CdebugError(plan.error.code, plan.error.message));
    try {
      // loaded here so that `cdebug --help` never pays for Fastify and the engine client
      const { runService } = await import('../../server/run.js');
      return await runService(plan.value, io);
    } catch (err) {
      return reportError(io, err);
    }
  },
};
