// A session's target file or directory, read by one exec in its sidecar (sidecar/target-file.ts:
// the toolkit's cat or tar on /proc/1/root/PATH), streamed from the exec's multiplexed output.
// Through the engine's API only, so Podman and remote engines work; nothing is written to the
// target. A read that fails midway ends the stream with an error (the exec's status is asked for).

import { PassThrough, type Duplex } from 'node:stream';
import { CdebugError } from '../../contract/index.js';
import { kindOfAnswer, readTargetFileCommand } from '../../sidecar/target-file.js';
import type { TargetFile } from '../port.js';
import { type Engine, engineError } from './api/connect.js';
import { AttachDemuxer } from './api/demux.js';

/** how much of the command's stderr is kept for an error message */
const STDERR_KEPT = 2048;

export async function readTargetFile(engine: Engine, sidecarId: string, path: string): Promise<TargetFile> {
  let raw: Duplex;
  let exec: Awaited<ReturnType<ReturnType<Engine['getContainer']>['exec']>>;
  try {
    exec = await engine.getContainer(sidecarId).exec({ Cmd: readTargetFileCommand(path), AttachStdout: true, AttachStderr: true, Tty: false, User: '0:0' });
    raw = await exec.start({ hijack: true, stdin: false });
  } catch (err) {
    throw engineError(err);
  }
  const body = new PassThrough();
  let stderr = '';
  let kind: ReturnType<typeof kindOfAnswer> | undefined;
  return new Promise<TargetFile>((resolve, reject) => {
    const settle = (k: ReturnType<typeof kindOfAnswer>) => {
      kind = k;
      if (k === 'file' || k === 'directory') resolve({ kind: k, stream: body });
      else {
        raw.destroy();
        if (k === 'missing')
          reject(new CdebugError('file_not_found', `${path} does not exist in the target: check the path (it is read in the target's filesystem).`));
        else if (k === 'special') reject(new CdebugError('bad_request', `${path} is neither a regular file nor a directory: download a file or a directory.`));
        else reject(new CdebugError('internal', `Reading ${path} through the sidecar failed: ${stderr.trim() || 'no answer'}.`));
      }
    };
    const demux = new AttachDemuxer((stream, payload) => {
      if (stream === 'stderr') {
        if (stderr.length < STDERR_KEPT) stderr += payload.toString('utf8').slice(0, STDERR_KEPT - stderr.length);
        return;
      }
      let rest = payload;
      if (kind === undefined) {
        settle(kindOfAnswer(payload[0]));
        rest = payload.subarray(1);
      }
      if (rest.length > 0 && !body.write(rest)) {
        raw.pause();
        body.once('drain', () => raw.resume());
      }
    });
    raw.on('data', (chunk: Buffer) => demux.push(chunk));
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      if (kind === undefined) {
        settle(null);
        return;
      }
      // the bytes are all there only when cat or tar exited 0
      exitStatus(exec).then(
        (status) => {
          if (status === 0) body.end();
          else body.destroy(new Error(`reading ${path} failed (status ${status}): ${stderr.trim()}`));
        },
        (err: unknown) => body.destroy(err instanceof Error ? err : new Error(String(err))),
      );
    };
    raw.on('end', end);
    raw.on('close', end);
    raw.on('error', (err) => {
      if (kind === undefined) reject(engineError(err));
      else body.destroy(err);
    });
    // a reader that goes away (the download aborted): the exec's stream is closed with it
    body.on('close', () => raw.destroy());
  });
}

/** the exec's exit status: its stream may end a moment before the engine records it */
async function exitStatus(exec: { inspect(): Promise<{ Running?: boolean; ExitCode?: number | null }> }): Promise<number | null> {
  for (let tries = 0; ; tries++) {
    const info = await exec.inspect();
    if (info.Running !== true || tries >= 50) return info.ExitCode ?? null;
    await new Promise((r) => setTimeout(r, 20));
  }
}
