// time_to_prompt_stopped: `cdebug exec ORIGINAL sh -c 'echo ready'` on an exited container whose
// image is ~100 MB (busybox and a 100 MB file, built here), until the command's first stdout
// byte, against what a user does by hand for the same: `docker commit ORIGINAL` and then
// `docker run --rm IMAGE sh -c 'echo ready'` until its first byte. Neither side's clean-up is
// timed (cdebug removes its copy and image after the byte; the hand's image is removed after).

import { spawnSync } from 'node:child_process';
import { CLI, docker, ROOT } from './env.mjs';
import { timeProcess } from './docker-run.mjs';
import { alternate } from './stats.mjs';

const BIG_MB = 100;

export async function measure(ctx) {
  const { containers, runId } = ctx;
  const image = `cdebug-bench-big-${runId}:latest`;
  ctx.log(`building ${image} (busybox + ${BIG_MB} MB)`);
  const built = spawnSync('docker', ['build', '-q', '--network', 'none', '--label', 'io.cdebug.fixture=1', '-t', image, '-'], {
    input: `FROM busybox:latest\nRUN head -c ${BIG_MB * 1000 * 1000} /dev/urandom > /big\n`,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`docker build: ${built.stderr}`);
  const original = docker(
    'run',
    '-d',
    '--network',
    'none',
    ...containers.labelArgs,
    '--name',
    `cdebug-bench-exited-${runId}`,
    image,
    'sh',
    '-c',
    'echo bye; exit 1',
  );
  docker('wait', original);
  const byHand = `cdebug-bench-byhand-${runId}`;
  try {
    const r = await alternate({
      warmup: 1,
      runs: ctx.quick ? 3 : 10,
      label: 'time_to_prompt_stopped',
      log: ctx.log,
      a: async () => {
        const { first } = await timeProcess(CLI, ['exec', original, 'sh', '-c', 'echo ready'], { cwd: ROOT });
        if (first === null) throw new Error('cdebug printed nothing');
        return first;
      },
      b: async () => {
        const commit = await timeProcess('docker', ['commit', original, `${byHand}:latest`]);
        try {
          const { first } = await timeProcess('docker', [
            'run',
            '--rm',
            '--network',
            'none',
            ...containers.labelArgs,
            `${byHand}:latest`,
            'sh',
            '-c',
            'echo ready',
          ]);
          if (first === null) throw new Error('the baseline printed nothing');
          return commit.total + first;
        } finally {
          spawnSync('docker', ['rmi', '-f', `${byHand}:latest`], { stdio: 'ignore' });
        }
      },
    });
    return [
      {
        metric: 'time_to_prompt_stopped',
        ...r,
        unit: 'ms',
        target: 'ratio ≤ 1.0',
        met: r.ratio <= 1.0,
        note: `an exited container of a ${BIG_MB} MB image; baseline: docker commit, then docker run of the image until its first byte`,
      },
    ];
  } finally {
    spawnSync('docker', ['rm', '-f', original], { stdio: 'ignore' });
    spawnSync('docker', ['rmi', '-f', image, `${byHand}:latest`], { stdio: 'ignore' });
  }
}
