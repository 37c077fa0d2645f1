// `cdebug exec`: drives the engine directly (no server) through the runtime port, and exits with
// the command's status. The engine's address picks the adapter (runtimes/adapters.ts: Docker's
// --host, --context, DOCKER_HOST, or containerd:// with --namespace), which also names it in
// errors; the sidecar's life goes through runtimes/port.ts, as a session's does.

import { cliOwner } from '../../sessions/owner.js';
import { CdebugError, DEFAULT_COLS, DEFAULT_ROWS, type ProfileHint } from '../../contract/index.js';
import { recordingTitle } from '../../sessions/recording/asciicast.js';
import type { Command, Io } from '../command.js';
import { execSpec, planExec } from './exec-spec.js';
import { EXIT } from '../exit-codes.js';
import { formatHelp } from '../options.js';
import { reportError } from '../report.js';

export const execCommand: Command = {
  spec: execSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(execSpec));
      return EXIT.ok;
    }
    const plan = planExec(parsed, io.env, io.stdinIsTTY ?? io.stdin.isTTY === true);
    if (!plan.ok) return reportError(io, new CdebugError(plan.error.code, plan.error.message));
    try {
      return await runExec(plan.value, io);
    } catch (err) {
      return reportError(io, err);
    }
  },
};

async function runExec(plan: import('./exec-spec.js').ExecPlan, io: Io): Promise<number> {
  // Loaded here so that --help never pays for the engine client.
  const { execRuntime } = await import('../../runtimes/adapters.js');
  const { uniqueSessionId } = await import('./session-id.js');
  const { takeTerminal } = await import('./terminal.js');
  const { diagnoseExit, watchDrain } = await import('../../sessions/sidecar-exit.js');
  const { execWitness } = await import('./exec-witness.js');
  const { execOutcome } = await import('./exec-outcome.js');
  const { openCastFile } = await import('./record-file.js');
  const { hintNote, watchHints } = await import('./hint-note.js');

  // the same runtime as the service's sessions, of the kind the address names (adapters.ts)
  const engine = await execRuntime(plan.endpoint, io.env, cliOwner(), plan.namespace);
  const runtime = engine.sessions;
  const terminal = plan.tty ? takeTerminal(io.stdin, io.stdout) : null;
  const size = terminal?.size() ?? null;
  const aborter = new AbortController();
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true;
    aborter.abort(new CdebugError('internal', `Interrupted by ${signal}.`));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  const cleanups: Array<() => void> = [() => signals.forEach((s) => process.off(s, onSignal)), () => terminal?.restore()];
  // opened first: a path that cannot be written fails before anything starts
  const cast = plan.record ? openCastFile(plan.record, (line) => io.stderr.write(`${line}\n`)) : null;
  let launched = false;
  // the refused command a profile would allow, told once the terminal is the user's again
  let hintSeen: (() => ProfileHint | null) | null = null;

  try {
    const prepared = await runtime.prepare(plan.request, uniqueSessionId());
    const inCopy = prepared.info.mode !== 'live';
    if (inCopy && plan.request.rwVolumes) io.stderr.write(RW_VOLUMES_WARNING);
    let announced = false;
    const handle = await prepared.launch({
      cols: size?.cols,
      rows: size?.rows,
      signal: aborter.signal,
      onPull: () => {
        if (!announced) io.stderr.write(`cdebug: pulling ${prepared.info.image}...\n`);
        announced = true;
      },
    });
    // From here on the sidecar exists: every way out must remove it (and a copy, with it).
    launched = true;
    let stopping: Promise<void> | null = null;
    const stop = () => (stopping ??= handle.stop());
    if (inCopy) cleanups.push(() => void stop().catch(() => undefined));
    if (cast) {
      const { cols, rows } = terminal?.size() ?? { cols: DEFAULT_COLS, rows: DEFAULT_ROWS };
      cast.start({ width: cols, height: rows, title: recordingTitle(prepared.info.target.name, prepared.info.image) });
      const record = (chunk: Buffer) => cast.output(chunk);
      handle.output.on('data', record);
      cleanups.push(() => handle.output.off('data', record));
      if (terminal) cleanups.push(terminal.onResize((c, r) => cast.resize(c, r)));
    }
    const stopOnAbort = () => void stop().catch(() => undefined);
    aborter.signal.addEventListener('abort', stopOnAbort, { once: true });
    cleanups.push(() => aborter.signal.removeEventListener('abort', stopOnAbort));
    if (terminal) {
      cleanups.push(terminal.onResize((cols, rows) => void handle.resize(cols, rows).catch(() => undefined)));
      // a window resized while the sidecar was prepared, pulled and started: nobody listened then
      const now = terminal.size();
      if (now && (now.cols !== size?.cols || now.rows !== size?.rows)) void handle.resize(now.cols, now.rows).catch(() => undefined);
    }

    hintSeen = watchHints(prepared.info, [handle.output, handle.errors]);
    const drain = watchDrain(handle.output);
    handle.output.pipe(io.stdout, { end: false });
    handle.output.once('data', () => handle.outputBegan());
    handle.errors?.pipe(io.stderr, { end: false });

    if (plan.interactive) {
      const onData = (chunk: Buffer) => handle.write(chunk);
      const onEnd = () => handle.endInput();
      io.stdin.on('data', onData);
      io.stdin.once('end', onEnd);
      io.stdin.resume();
      cleanups.push(() => {
        io.stdin.off('data', onData);
        io.stdin.off('end', onEnd);
        io.stdin.pause();
      });
    }

    const exit = await handle.exit;
    // The exit can overtake the last bytes on the attach stream: let them arrive.
    await drain.settled();
    handle.output.unpipe(io.stdout);
    handle.errors?.unpipe(io.stderr);
    // the user's own stop comes first: nothing to ask the engine about
    if (interrupted) {
      if (inCopy) await stop().catch(() => undefined);
      return EXIT.interrupted;
    }
    // in a copy, it is the copy whose end ends the command (and it is still there to ask about)
    const cause = await diagnoseExit(exit, execWitness(runtime, prepared.info.copy?.id || prepared.info.target.id));
    if (inCopy) await copyEnded(stop, prepared.info, plan.request.keep === true, io);
    const outcome = execOutcome(cause, prepared.info.copy?.name || prepared.info.target.name);
    if (!outcome.ok) throw outcome.error;
    return outcome.status;
  } catch (err) {
    if (interrupted) return EXIT.interrupted;
    // an engine that does not answer is named as the user chose it (--context, DOCKER_HOST …)
    throw engine.explain(err);
  } finally {
    for (const cleanup of cleanups.reverse()) cleanup();
    engine.close();
    const hint = hintSeen?.();
    if (hint) io.stderr.write(hintNote(hint));
    if (cast) await (launched ? cast.close() : cast.discard());
  }
}

const RW_VOLUMES_WARNING =
  "cdebug: --rw-volumes: the copy writes to the original's volumes and bind mounts, which the original (restarted meanwhile) may be using too\n";

/** removes the copy, or with --keep says where it stays */
async function copyEnded(stop: () => Promise<void>, info: import('../../runtimes/port.js').SessionInfo, keep: boolean, io: Io): Promise<void> {
  await stop();
  if (!keep || !info.copy) return;
  // a copy's image is tagged with its name; an image session's is the user's own image
  const remove = info.mode === 'copy' ? `docker rm ${info.copy.name} && docker rmi ${info.copy.name}` : `docker rm ${info.copy.name}`;
  io.stderr.write(`cdebug: kept the copy ${info.copy.name} (stopped); it is yours now (remove it with: ${remove})\n`);
}
