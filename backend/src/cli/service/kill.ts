// `cdebug kill SESSION`: ends a session, the service's (DELETE, as the UI's close does) or, when
// no service holds it, the sidecar on the engine that carries its id (a `cdebug exec`'s): its
// processes first, then the container, as a session ends.

import { CdebugError, SESSION_ID_MAX_LENGTH } from '../../contract/index.js';
import type { Command } from '../command.js';
import { engineOptions } from '../engine-flags.js';
import { EXIT } from '../exit-codes.js';
import { type CommandSpec, formatHelp } from '../options.js';
import { reportError } from '../report.js';
import { serviceAddress, serviceOptions } from './service-address.js';

export const killSpec: CommandSpec = {
  name: 'kill',
  usage: 'cdebug kill [--server URL] [--token T] [-H URL | -c NAME] SESSION',
  summary: "End a session (see `cdebug ps`): the service's, or a sidecar on the engine with that session id.",
  options: [...serviceOptions, ...engineOptions, { name: 'help', short: 'h', description: 'Show this help' }],
};

export const killCommand: Command = {
  spec: killSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(killSpec));
      return EXIT.ok;
    }
    const [id, extra] = parsed.positionals;
    if (!id || extra !== undefined || id.length > SESSION_ID_MAX_LENGTH) {
      return reportError(io, new CdebugError('bad_request', 'Name one session: cdebug kill SESSION (the ids are in `cdebug ps`)'));
    }
    const address = serviceAddress(parsed.values);
    if (!address.ok) return reportError(io, new CdebugError(address.error.code, address.error.message));
    try {
      const { endServiceSession } = await import('./service-client.js');
      const ended = await endServiceSession(address.value, id).catch((err: unknown) => {
        // no service at the default address: the engine's sidecars are still there to look at
        if (!address.value.explicit && err instanceof CdebugError && err.code === 'service_unreachable') return false;
        throw err;
      });
      if (ended) return EXIT.ok;
      const { engineCensus } = await import('./session-engine.js');
      const census = await engineCensus(parsed.values, io);
      const sidecars = (await census.list()).filter((s) => s.sessionId === id);
      if (sidecars.length === 0) throw new CdebugError('session_not_found', `No session "${id}" on the service or the engine: see \`cdebug ps\`.`);
      for (const s of sidecars) await census.end(s.id);
      return EXIT.ok;
    } catch (err) {
      return reportError(io, err);
    }
  },
};
