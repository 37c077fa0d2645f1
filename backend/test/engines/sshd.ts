// A real OpenSSH server on 127.0.0.1:<port> for the ssh:// engine tests, with keys of its own
// made here: a host key the client knows (known_hosts), a client key it accepts
// (authorized_keys), and a client configuration that uses only these (CDEBUG_SSH_COMMAND =
// `ssh -F <config>`), so the machine's own ~/.ssh is never read or changed.

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sleep } from '../helpers/docker.js';
import { freePort } from '../helpers/net.js';

const run = promisify(execFile);
export const SSHD = '/usr/sbin/sshd';

export const hasSshd = (): boolean => existsSync(SSHD);

export interface TestSshd {
  port: number;
  /** `ssh -F …`: what CDEBUG_SSH_COMMAND should be */
  sshCommand: string;
  /** the same with a known_hosts that does not know this server */
  strangerCommand: string;
  /** the same with a key the server does not accept */
  unauthorizedCommand: string;
  stop(): Promise<void>;
}

const keygen = (file: string) => run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync('/tmp/cdebug-sshd-');
  const port = await freePort();
  await Promise.all([keygen(join(dir, 'host')), keygen(join(dir, 'client')), keygen(join(dir, 'other'))]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')), { mode: 0o600 });
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      '',
    ].join('\n'),
  );
  const hostKey = readFileSync(join(dir, 'host.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  writeFileSync(join(dir, 'nobody_known'), '');
  const clientConfig = (name: string, key: string, knownHosts: string) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      [
        'Host *',
        `  IdentityFile ${join(dir, key)}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${join(dir, knownHosts)}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
        '  LogLevel ERROR',
        '',
      ].join('\n'),
    );
    return `ssh -F ${file}`;
  };
  mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation folder
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log = (log + b.toString('utf8')).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`sshd did not start: ${log}`);
    }
    await sleep(100);
  }
  return {
    port,
    sshCommand: clientConfig('config', 'client', 'known_hosts'),
    strangerCommand: clientConfig('config-stranger', 'client', 'nobody_known'),
    unauthorizedCommand: clientConfig('config-unauthorized', 'other', 'known_hosts'),
    stop,
  };
}
