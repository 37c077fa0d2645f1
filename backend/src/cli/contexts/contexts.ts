// `cdebug contexts`: the Docker contexts cdebug can use (as `docker context ls` lists them),
// each with its engine endpoint and whether the engine answers there. `cdebug exec --context
// NAME` picks one. The probes run at once, each given a few seconds.

import { CdebugError } from '../../contract/index.js';
import type { ContextEntry, EngineEndpoint } from '../../runtimes/docker/endpoints/types.js';
import type { Command, Io } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { type CommandSpec, flag, formatHelp } from '../options.js';
import { reportError } from '../report.js';

const PROBE_MS = 3000;

export const contextsSpec: CommandSpec = {
  name: 'contexts',
  usage: 'cdebug contexts [--json] [--no-check]',
  summary: [
    'List the Docker contexts (~/.docker/contexts, or $DOCKER_CONFIG) and their engine endpoints, the current one',
    'marked with *, and whether each engine answers. The current one is the context DOCKER_HOST, DOCKER_CONTEXT',
    'or config.json selects; `cdebug exec --context NAME` uses another.',
    'The containerd that CONTAINERD_ADDRESS names (in CONTAINERD_NAMESPACE, as ctr reads them) is listed too, as "containerd",',
    'with the address `--host` takes for it.',
  ].join('\n'),
  options: [
    { name: 'json', description: 'Print a JSON array instead of a table' },
    { name: 'no-check', description: 'Do not ask the engines whether they answer' },
    { name: 'help', short: 'h', description: 'Show this help' },
  ],
};

export interface ContextRow {
  name: string;
  description?: string;
  current: boolean;
  endpoint: EngineEndpoint;
  /** absent with --no-check */
  engine?: { name: string; version: string; apiVersion: string };
  error?: { code: string; message: string };
}

async function probe(entry: ContextEntry): Promise<ContextRow> {
  const row: ContextRow = {
    name: entry.name,
    ...(entry.description ? { description: entry.description } : {}),
    current: entry.current,
    endpoint: entry.endpoint,
  };
  const { connectEndpoint, describeEngine } = await import('../../runtimes/docker/api/connect.js');
  const { classifyFailure } = await import('../../runtimes/docker/endpoints/failures.js');
  const started = Date.now();
  try {
    row.engine = await describeEngine(connectEndpoint(entry.endpoint, { answerWithinMs: PROBE_MS }));
  } catch (err) {
    const cause = err instanceof CdebugError && err.cause !== undefined ? err.cause : err;
    const failure = classifyFailure(cause);
    const late = Date.now() - started >= PROBE_MS && failure?.code === 'ECONNRESET';
    const message = late ? `no answer within ${PROBE_MS / 1000} s` : (failure?.why ?? (err instanceof Error ? err.message : String(err)));
    row.error = { code: err instanceof CdebugError ? err.code : 'engine_unreachable', message };
  }
  return row;
}

/** The table, as `docker context ls` draws it. Pure. */
export function formatContexts(rows: readonly ContextRow[], checked: boolean): string {
  const cells = rows.map((r) => [
    `${r.name}${r.current ? ' *' : ''}`,
    r.description ?? '',
    `${r.endpoint.host}${r.endpoint.tls ? (r.endpoint.tls.verify ? ' (TLS)' : ' (TLS, not verified)') : ''}`,
    ...(checked ? [r.engine ? `${r.engine.name} ${r.engine.version}` : `unreachable: ${r.error?.message ?? '?'}`] : []),
  ]);
  const header = ['NAME', 'DESCRIPTION', 'ENDPOINT', ...(checked ? ['ENGINE'] : [])];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('   ');
  return [line(header), ...cells.map(line), ''].join('\n');
}

async function run(json: boolean, check: boolean, io: Io): Promise<number> {
  const { listContexts } = await import('../../runtimes/docker/endpoints/resolve.js');
  const entries = listContexts(io.env);
  if (!entries.ok) return reportError(io, new CdebugError(entries.error.code, entries.error.message));
  const rows = check
    ? await Promise.all(entries.value.map(probe))
    : entries.value.map((e): ContextRow => ({
        name: e.name,
        ...(e.description ? { description: e.description } : {}),
        current: e.current,
        endpoint: e.endpoint,
      }));
  const containerd = await containerdRow(check, io.env);
  if (containerd) rows.push(containerd);
  io.stdout.write(json ? `${JSON.stringify(rows, null, 2)}\n` : formatContexts(rows, check));
  return EXIT.ok;
}

/** the containerd the environment names, as a row: no Docker context, but an engine `--host` reaches */
async function containerdRow(check: boolean, env: NodeJS.ProcessEnv): Promise<ContextRow | null> {
  const { environmentContainerdListing } = await import('../../runtimes/adapters.js');
  const listing = environmentContainerdListing(env);
  if (!listing) return null;
  const row: ContextRow = {
    name: 'containerd',
    description: 'containerd (use with --host)',
    current: false,
    endpoint: { name: 'containerd', host: listing.address, source: 'env' },
  };
  if (!check) return row;
  const answer = await listing.probe(PROBE_MS);
  if (answer.ok) row.engine = { name: answer.name, version: answer.version, apiVersion: answer.apiVersion };
  else row.error = { code: 'engine_unreachable', message: answer.message };
  return row;
}

export const contextsCommand: Command = {
  spec: contextsSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(contextsSpec));
      return EXIT.ok;
    }
    if (parsed.positionals.length > 0) {
      return reportError(io, new CdebugError('bad_request', `cdebug contexts takes no arguments (got "${parsed.positionals[0]}")`));
    }
    try {
      return await run(flag(parsed.values.json), !flag(parsed.values['no-check']), io);
    } catch (err) {
      return reportError(io, err);
    }
  },
};
