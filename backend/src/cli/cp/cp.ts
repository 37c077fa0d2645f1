// `cdebug cp`: a tar stream between the local tar and the toolkit's tar, which `cdebug exec`'s
// sidecar runs in the target's root (so the target needs no tar). The exec runs in this process
// with its own streams; nothing is written into the target but what is copied in.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { CdebugError } from '../../contract/index.js';
import type { Command, Io } from '../command.js';
import { type CopyPlan, cpSpec, planCopy, splitPath } from './cp-spec.js';
import { execCommand } from '../exec/exec.js';
import { execSpec } from '../exec/exec-spec.js';
import { EXIT } from '../exit-codes.js';
import { formatHelp, parseArgs, type Parsed, str } from '../options.js';
import { reportError } from '../report.js';
import { engineSelection } from '../engine-flags.js';
import { cliOwner } from '../../sessions/owner.js';

export const cpCommand: Command = {
  spec: cpSpec,
  async run(parsed, io) {
    if (parsed.values.help === true) {
      io.stdout.write(formatHelp(cpSpec));
      return EXIT.ok;
    }
    const plan = planCopy(parsed.positionals);
    if (!plan.ok) return reportError(io, new CdebugError(plan.error.code, plan.error.message));
    try {
      return plan.value.direction === 'out' ? await copyOut(plan.value, parsed, io) : await copyIn(plan.value, parsed, io);
    } catch (err) {
      return reportError(io, err);
    }
  },
};

/** `cdebug exec` flags carried over: the toolkit and the engine */
function execFlags(parsed: Parsed): string[] {
  const flags: string[] = [];
  for (const name of ['image', 'host', 'context']) {
    const v = str(parsed.values[name]);
    if (v !== undefined) flags.push(`--${name}`, v);
  }
  return flags;
}

function runExec(args: string[], io: Io, stdin: Readable | null, stdout: NodeJS.WritableStream): Promise<number> {
  const parsed = parseArgs(execSpec, args, io.env);
  if (!parsed.ok) throw new CdebugError(parsed.error.code, parsed.error.message);
  const execIo = {
    stdin: (stdin ?? new PassThrough().end()) as NodeJS.ReadStream,
    stdinIsTTY: false,
    stdout: stdout as NodeJS.WriteStream,
    stderr: io.stderr,
    env: io.env,
  };
  return execCommand.run(parsed.value, execIo);
}

function localTar(args: string[], input: boolean) {
  const child = spawn('tar', args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'inherit'] });
  const done = new Promise<number>((res, rej) => {
    child.once('error', (err) => rej(new CdebugError('internal', `The local tar could not run: ${err.message}`)));
    child.once('close', (code) => res(code ?? 1));
  });
  return { child, done };
}

async function copyOut(plan: CopyPlan, parsed: Parsed, io: Io): Promise<number> {
  const { dir, name } = splitPath(plan.path);
  const local = resolve(plan.local);
  const intoDir = existsSync(local) && statSync(local).isDirectory();
  // a new name: unpack beside it, then rename, so that a failed copy leaves nothing half-written
  const unpackIn = intoDir ? local : mkdtempSync(join(dirname(local), `.cdebug-cp-${basename(local)}-`));
  try {
    const tar = localTar(['-xf', '-', '-C', unpackIn], true);
    const into = tar.child.stdin as NodeJS.WritableStream;
    const code = await runExec([...execFlags(parsed), '-i', plan.target, 'tar', '-cf', '-', '-C', dir, name], io, null, into);
    into.end();
    const unpacked = await tar.done;
    if (code !== 0) return code;
    if (unpacked !== 0) throw new CdebugError('internal', `The local tar could not unpack ${plan.path} into ${unpackIn} (status ${unpacked}).`);
    if (!intoDir) renameSync(join(unpackIn, name === '.' ? '' : name), local);
    return EXIT.ok;
  } finally {
    if (!intoDir) rmSync(unpackIn, { recursive: true, force: true });
  }
}

async function copyIn(plan: CopyPlan, parsed: Parsed, io: Io): Promise<number> {
  const local = resolve(plan.local);
  if (!existsSync(local)) throw new CdebugError('bad_request', `${plan.local} does not exist here.`);
  await refuseStoppedTarget(plan.target, parsed, io);
  const tar = localTar(['-cf', '-', '-C', dirname(local), basename(local)], false);
  // read from the start into a buffer of our own: the sidecar takes its input only once started
  const packed$ = new PassThrough();
  tar.child.stdout?.pipe(packed$);
  const code = await runExec([...execFlags(parsed), '-i', plan.target, 'tar', '-xf', '-', '-C', plan.path], io, packed$, new PassThrough().resume());
  const packed = await tar.done;
  if (code !== 0) return code;
  if (packed !== 0) throw new CdebugError('internal', `The local tar could not pack ${plan.local} (status ${packed}).`);
  return EXIT.ok;
}

/** `cdebug exec` debugs a stopped container in a copy that goes away at the end: copying into it
 * would be lost at once, so copying in needs the target running (copying out reads the copy) */
async function refuseStoppedTarget(target: string, parsed: Parsed, io: Io): Promise<void> {
  const { resolveEndpoint } = await import('../../runtimes/docker/endpoints/resolve.js');
  const { connectEndpoint } = await import('../../runtimes/docker/api/connect.js');
  const { dockerRuntime } = await import('../../runtimes/docker/runtime.js');
  const selection = engineSelection(parsed.values);
  if (!selection.ok) throw new CdebugError(selection.error.code, selection.error.message);
  const selected = resolveEndpoint(selection.value, io.env);
  if (!selected.ok) throw new CdebugError(selected.error.code, selected.error.message);
  const endpoint = selected.value;
  const state = await dockerRuntime(connectEndpoint(endpoint), cliOwner(), () => connectEndpoint(endpoint)).sessions.targetState(target);
  if (state === 'stopped')
    throw new CdebugError(
      'target_not_running',
      `${target} is not running: cdebug cp into it would write into a throwaway copy of it, removed at once. Start it first, or use \`docker cp\` (the engine writes into a stopped container itself).`,
    );
}
