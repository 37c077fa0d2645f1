// `cdebug port-forward TARGET -L [LOCAL_ADDR:]LOCAL_PORT:[REMOTE_HOST:]REMOTE_PORT...`: local
// listeners whose connections reach ports inside the target's network namespace through the
// engine's API (runtimes/port.ts, ForwardEngine). Runs until SIGINT/SIGTERM/SIGHUP or until the
// target stops, then removes everything it started.

import { CdebugError } from '../../contract/index.js';
import type { Command, Io } from '../command.js';
import { engineOptions, engineSelection } from '../engine-flags.js';
import { EXIT } from '../exit-codes.js';
import { type ForwardSpec, planForwards } from './forward-spec.js';
import { type CommandSpec, formatHelp, list } from '../options.js';
import { reportError } from '../report.js';

export const portForwardSpec: CommandSpec = {
  name: 'port-forward',
  usage: 'cdebug port-forward [OPTIONS] TARGET -L [LOCAL_ADDR:]LOCAL_PORT:[REMOTE_HOST:]REMOTE_PORT...',
  summary: [
    "Forward local ports to ports inside a running container's network namespace, through the",
    "engine's API (no published port, no bridge network: `--network none` containers too).",
    'REMOTE_HOST defaults to 127.0.0.1 inside the container; -L PORT alone picks a free local port.',
    'Runs until Ctrl-C. Exit status 0 after Ctrl-C; 125 when cdebug itself fails or the target stops.',
  ].join('\n'),
  options: [
    {
      name: 'local',
      short: 'L',
      value: 'SPEC',
      repeat: true,
      description: 'A port to forward: [LOCAL_ADDR:]LOCAL_PORT:[REMOTE_HOST:]REMOTE_PORT, or REMOTE_PORT alone (repeatable)',
    },
    {
      name: 'address',
      value: 'ADDR',
      repeat: true,
      description: 'Listen on this address instead of 127.0.0.1 (repeatable; needed for any non-loopback LOCAL_ADDR)',
    },
    ...engineOptions,
    { name: 'help', short: 'h', description: 'Show this help' },
  ],
};

export const portForwardCommand: Command = {
  spec: portForwardSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(portForwardSpec));
      return EXIT.ok;
    }
    const [target, ...extra] = parsed.positionals;
    if (!target) return reportError(io, new CdebugError('bad_request', 'Name the container: cdebug port-forward TARGET -L LOCAL_PORT:REMOTE_PORT'));
    if (extra.length > 0)
      return reportError(
        io,
        new CdebugError('bad_request', `unexpected argument "${extra[0]}": give each forward with -L (see \`cdebug port-forward --help\`)`),
      );
    const forwards = planForwards(list(parsed.values.local), list(parsed.values.address));
    if (!forwards.ok) return reportError(io, new CdebugError(forwards.error.code, forwards.error.message));
    const endpoint = engineSelection(parsed.values);
    if (!endpoint.ok) return reportError(io, new CdebugError(endpoint.error.code, endpoint.error.message));
    try {
      return await runForwards(target, forwards.value, endpoint.value, io);
    } catch (err) {
      return reportError(io, err);
    }
  },
};

async function runForwards(
  target: string,
  specs: ForwardSpec[],
  selection: import('../../runtimes/docker/endpoints/resolve.js').EndpointSelection,
  io: Io,
): Promise<number> {
  // loaded here so that --help never pays for the engine client
  const { resolveEndpoint } = await import('../../runtimes/docker/endpoints/resolve.js');
  const { connectEndpoint, explainEngineError, PROBE_LIMITS } = await import('../../runtimes/docker/api/connect.js');
  const { dockerRuntime } = await import('../../runtimes/docker/runtime.js');
  const { PortForward } = await import('../../sessions/port-forward.js');
  const { cliOwner } = await import('../../sessions/owner.js');
  const { uniqueSessionId } = await import('../exec/session-id.js');

  const selected = resolveEndpoint(selection, io.env);
  if (!selected.ok) throw new CdebugError(selected.error.code, selected.error.message);
  const endpoint = selected.value;
  const engine = dockerRuntime(connectEndpoint(endpoint), cliOwner(), () => connectEndpoint(endpoint, PROBE_LIMITS)).forwards;
  if (!engine) throw new CdebugError('internal', 'This engine cannot forward ports.');

  let stop: (why: 'signal' | 'target_stopped' | 'helper_gone') => void = () => undefined;
  const stopped = new Promise<'signal' | 'target_stopped' | 'helper_gone'>((resolve) => (stop = resolve));
  const onSignal = () => stop('signal');
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);

  const started: Array<import('../../sessions/port-forward.js').PortForward> = [];
  try {
    for (const spec of specs) {
      const opening = PortForward.start({ address: spec.localAddress, port: spec.localPort }, () =>
        engine.open({ target, remoteHost: spec.remoteHost, remotePort: spec.remotePort, forwardId: uniqueSessionId() }),
      );
      // a signal while a helper starts must not leave it behind: it is awaited, then closed
      const forward = await opening;
      started.push(forward);
      void forward.tunnel.ended.then((end) => {
        if (end !== 'closed') stop(end);
      });
      const local = forward.localAddress.includes(':') ? `[${forward.localAddress}]` : forward.localAddress;
      const remote = spec.remoteHost === '127.0.0.1' ? '' : `${spec.remoteHost}:`;
      io.stdout.write(`${local}:${forward.localPort} -> ${forward.tunnel.target.name}:${remote}${spec.remotePort}\n`);
    }
    const why = await stopped;
    if (why === 'target_stopped')
      throw new CdebugError('target_stopped', `Container "${started[0]?.tunnel.target.name ?? target}" stopped: the forwards have ended.`);
    if (why === 'helper_gone') throw new CdebugError('session_ended', "The port-forward's helper container was removed from outside: the forwards have ended.");
    return EXIT.ok;
  } catch (err) {
    throw explainEngineError(err, endpoint);
  } finally {
    for (const s of signals) process.off(s, onSignal);
    await Promise.all(started.map((f) => f.close()));
  }
}
