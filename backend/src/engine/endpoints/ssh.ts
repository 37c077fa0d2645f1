// ssh:// engines, reached the way the docker CLI reaches them: the system's `ssh` runs
// `docker system dial-stdio` on the remote machine, and each HTTP connection to the engine is
// that process's stdin and stdout. Using ssh itself (rather than a library) gives the user's
// ~/.ssh/config, keys, agent and known_hosts checking for free. BatchMode: a command that has
// taken the terminal, or a service, has no one to type a password or accept a host key.

import { Agent, type AgentOptions } from 'node:http';
import { Duplex } from 'node:stream';

export interface SshTarget {
  user?: string;
  host: string;
  port?: string;
  /** ssh://host/path: the engine's socket on the remote machine, when not its default */
  socket?: string;
}

/** ssh://[user@]host[:port][/socket/path] → its parts. */
export function sshTarget(url: string): SshTarget {
  const parsed = new URL(url);
  const target: SshTarget = { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1') };
  if (parsed.username) target.user = decodeURIComponent(parsed.username);
  if (parsed.port) target.port = parsed.port;
  if (parsed.pathname && parsed.pathname !== '/') target.socket = decodeURIComponent(parsed.pathname);
  return target;
}

/** The ssh command line, as the docker CLI's connection helper builds it. */
export function sshArgs(target: SshTarget): string[] {
  const args = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=30', '-T'];
  if (target.user) args.push('-l', target.user);
  if (target.port) args.push('-p', target.port);
  args.push('--', target.host, 'docker');
  if (target.socket) args.push(`--host=unix://${target.socket}`);
  args.push('system', 'dial-stdio');
  return args;
}

/** An `ssh` process as a socket. It fails with code ESSH and ssh's own words when ssh does. */
function sshSocket(args: readonly string[]): Duplex {
  // loaded on first use: commands on a local engine never pay for child_process
  const { spawn } = process.getBuiltinModule('node:child_process');
  const child = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let answered = false;
  const socket = new Duplex({
    read: () => void child.stdout.resume(),
    write: (chunk: Buffer, _encoding, done) => void child.stdin.write(chunk, (err) => done(err ?? null)),
    final: (done) => void child.stdin.end(() => done()),
    destroy: (err, done) => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      done(err);
    },
  });
  child.stdout.on('data', (chunk: Buffer) => {
    answered = true;
    if (!socket.push(chunk)) child.stdout.pause();
  });
  child.stdout.on('end', () => socket.push(null));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  child.stdin.on('error', () => undefined); // EPIPE once ssh has gone: its exit says why
  const failed = (message: string, cause?: unknown) =>
    socket.destroy(Object.assign(new Error(message, { cause }), { code: 'ESSH' }));
  child.once('error', (err) => failed(`could not run ssh (${(err as Error).message}): install an OpenSSH client`, err));
  child.once('exit', (code) => {
    if (code !== 0 && !answered) failed(`ssh exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' ') || 'no message'}`);
  });
  // http's client calls these on sockets; a pipe has nothing to set
  const inert = socket as Duplex & Record<string, unknown>;
  for (const name of ['setTimeout', 'setNoDelay', 'setKeepAlive', 'ref', 'unref']) inert[name] = () => socket;
  return socket;
}

/**
 * An http.Agent whose every connection is a new `ssh … docker system dial-stdio`. No
 * keep-alive: an idle ssh process would keep a finished command from exiting.
 */
export function sshAgent(url: string, options: AgentOptions = {}): Agent {
  const args = sshArgs(sshTarget(url));
  const agent = new Agent({ ...options, keepAlive: false });
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () => sshSocket(args);
  return agent;
}
