// `cdebug ps`: the live sessions, the service's (when one answers) and every cdebug sidecar on
// the engine (a `cdebug exec`'s, another service's), one line each.

import { CdebugError } from '../../contract/index.js';
import type { Command } from '../command.js';
import { engineOptions } from '../engine-flags.js';
import { EXIT } from '../exit-codes.js';
import { type CommandSpec, formatHelp } from '../options.js';
import { formatPs, psRows } from './ps-table.js';
import { reportError } from '../report.js';
import { serviceAddress, serviceOptions } from './service-address.js';

export const psSpec: CommandSpec = {
  name: 'ps',
  usage: 'cdebug ps [--server URL] [--token T] [--json] [-H URL | -c NAME]',
  summary: [
    "List live sessions: the service's (when one answers at --server) and the cdebug sidecars",
    'found on the engine, whoever started them. SESSION is the id `cdebug attach` and `cdebug kill` take.',
  ].join('\n'),
  options: [
    ...serviceOptions,
    { name: 'json', description: 'Print the list as JSON' },
    ...engineOptions,
    { name: 'help', short: 'h', description: 'Show this help' },
  ],
};

export const psCommand: Command = {
  spec: psSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(psSpec));
      return EXIT.ok;
    }
    if (parsed.positionals.length > 0) return reportError(io, new CdebugError('bad_request', `cdebug ps takes no arguments (got "${parsed.positionals[0]}")`));
    const address = serviceAddress(parsed.values);
    if (!address.ok) return reportError(io, new CdebugError(address.error.code, address.error.message));
    try {
      const { serviceSessions } = await import('./service-client.js');
      const { engineCensus } = await import('./session-engine.js');
      const [sessions, sidecars] = await Promise.allSettled([serviceSessions(address.value), engineCensus(parsed.values, io).then((c) => c.list())]);
      if (sessions.status === 'rejected') throw sessions.reason;
      let found = sidecars.status === 'fulfilled' ? sidecars.value : [];
      if (sidecars.status === 'rejected') {
        // the service's sessions are still worth showing
        if (sessions.value === null) throw sidecars.reason;
        const why = sidecars.reason instanceof Error ? sidecars.reason.message : String(sidecars.reason);
        io.stderr.write(`cdebug: the engine's sidecars are not listed: ${why}\n`);
        found = [];
      }
      const rows = psRows(sessions.value ?? [], found, sessions.value === null ? null : address.value.base);
      io.stdout.write(parsed.values.json === true ? `${JSON.stringify(rows, null, 2)}\n` : formatPs(rows));
      return EXIT.ok;
    } catch (err) {
      return reportError(io, err);
    }
  },
};
