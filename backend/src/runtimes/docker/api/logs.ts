// A container's last log lines, for "why did it die": the engine keeps stdout and stderr as one
// multiplexed stream unless the container has a tty (then its log is the pty's raw bytes).

import { CdebugError } from '../../../contract/index.js';
import { abortable, type Engine } from './connect.js';
import { AttachDemuxer } from './demux.js';
import { engineError, engineStatus } from './errors.js';

/** The log's bytes as text lines, oldest first, the last `tail` of them (pure). */
export function logLines(raw: Buffer, tty: boolean, tail: number): string[] {
  let bytes = raw;
  if (!tty) {
    const parts: Buffer[] = [];
    new AttachDemuxer((_kind, payload) => parts.push(Buffer.from(payload))).push(raw);
    bytes = Buffer.concat(parts);
  }
  // decoded whole, so that no multi-byte character is split between two chunks
  const lines = bytes.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.replace(/\r$/, '')).slice(-tail);
}

/** dockerode answers a log read without `follow` with the whole body in a Buffer (its typings say a stream too) */
function asBuffer(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  throw new CdebugError('internal', 'The engine answered a log read in an unexpected form: report this to cdebug.');
}

export async function readLogs(engine: Engine, ref: string, tail: number, signal?: AbortSignal): Promise<string[]> {
  const container = engine.getContainer(ref);
  try {
    const info = await container.inspect(abortable(signal));
    const body: unknown = await container.logs({ stdout: true, stderr: true, follow: false, tail, ...abortable(signal) });
    return logLines(asBuffer(body), info.Config.Tty === true, tail);
  } catch (err) {
    if (engineStatus(err) === 404) {
      throw new CdebugError('target_not_found', `No container named or with id "${ref}": check the name with \`docker ps -a\`.`);
    }
    throw engineError(err);
  }
}
