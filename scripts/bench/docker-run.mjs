// The baseline a user would type: the docker CLI starting the same sidecar by hand.

import { spawn } from 'node:child_process';
import { TOOLKIT } from './env.mjs';
import { now } from './stats.mjs';

/** `docker run --rm --pid container:T --network container:T busybox CMD...` */
export function sidecarArgs(containers, target, cmd) {
  return ['run', '--rm', ...containers.labelArgs, '--pid', `container:${target}`, '--network', `container:${target}`, TOOLKIT, ...cmd];
}

/**
 * Runs a command; answers the ms until its first stdout byte (null when it printed nothing) and
 * until it exited. Rejects when it exits non-zero.
 */
export function timeProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let first = null;
    let stderr = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    child.stdout.on('data', () => {
      if (first === null) first = now() - t0;
    });
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const total = now() - t0;
      if (code !== 0) reject(new Error(`${command} ${args.slice(0, 3).join(' ')}... exited ${code ?? signal}: ${stderr.trim()}`));
      else resolve({ first, total });
    });
  });
}
