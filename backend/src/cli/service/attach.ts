// `cdebug attach SESSION`: this terminal on a session of the service (one opened in the UI, say),
// over its WebSocket as the UI's terminal is: the snapshot of the screen first, then the live
// bytes, both ways; the session takes this terminal's size. Ctrl-P Ctrl-Q detaches (the session
// goes on); the session's end ends it, with the command's status.

import { CdebugError, SESSION_ID_MAX_LENGTH } from '../../contract/index.js';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { type CommandSpec, formatHelp } from '../options.js';
import { reportError } from '../report.js';
import { serviceAddress, serviceOptions } from './service-address.js';

export const attachSpec: CommandSpec = {
  name: 'attach',
  usage: 'cdebug attach [--server URL] [--token T] SESSION',
  summary: [
    'Attach this terminal to a session of the service (see `cdebug ps`): the same screen as the UI,',
    "both ways. Detach with Ctrl-P Ctrl-Q (the session goes on). Exit status: the session's command's, once it ends.",
  ].join('\n'),
  options: [...serviceOptions, { name: 'help', short: 'h', description: 'Show this help' }],
};

export const attachCommand: Command = {
  spec: attachSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(attachSpec));
      return EXIT.ok;
    }
    const [id, extra] = parsed.positionals;
    if (!id || extra !== undefined || id.length > SESSION_ID_MAX_LENGTH) {
      return reportError(io, new CdebugError('bad_request', 'Name one session: cdebug attach SESSION (the ids are in `cdebug ps`)'));
    }
    const address = serviceAddress(parsed.values);
    if (!address.ok) return reportError(io, new CdebugError(address.error.code, address.error.message));
    try {
      const { attachTerminal } = await import('./attach-socket.js');
      return await attachTerminal(address.value, id, io);
    } catch (err) {
      return reportError(io, err);
    }
  },
};
