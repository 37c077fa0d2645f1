// ssh:// engines, reached the way the docker CLI reaches them: the system's `ssh` runs
// `docker system dial-stdio` on the remote machine, and each HTTP connection to the engine is
// that process's stdin and stdout. Using ssh itself (rather than a library) gives the user's
// ~/.ssh/config, keys, agent and known_hosts checking for free. BatchMode: a command that has
// taken the terminal, or a service, has no one to type a password or accept a host key.

import { spawn } from 'node:child_process';
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

/**
 * The ssh program and the options that come before cdebug's: CDEBUG_SSH_COMMAND (words split on
 * blanks, no shell), e.g. `ssh -F ~/.ssh/cdebug_config`, as GIT_SSH_COMMAND does for git;
 * plain `ssh` without it.
 */
export function sshCommand(env: NodeJS.ProcessEnv): [string, ...string[]] {
  const words = (env.CDEBUG_SSH_COMMAND ?? '').split(/\s+/).filter(Boolean);
  const [program, ...rest] = words;
  return program ? [program, ...rest] : ['ssh'];
}

/** An `ssh` process as a socket. It fails with code ESSH and ssh's own words when ssh does. */
function sshSocket(args: readonly string[]): Duplex {
  const [program, ...before] = sshCommand(process.env);
  const child = spawn(program, [...before, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let answered = false;
  let idle: { ms: number; timer?: NodeJS.Timeout } = { ms: 0 };
  const touch = () => {
    clearTimeout(idle.timer);
    if (idle.ms > 0) idle.timer = setTimeout(() => socket.emit('timeout'), idle.ms).unref();
  };
  const socket = new Duplex({
    read: () => void child.stdout.resume(),
    write: (chunk: Buffer, _encoding, done) => {
      touch();
      child.stdin.write(chunk, (err) => done(err ?? null));
    },
    final: (done) => void child.stdin.end(() => done()),
    destroy: (err, done) => {
      clearTimeout(idle.timer);
      if (child.exitCode === null && child.signalCode === null) child.kill();
      done(err);
    },
  });
  child.stdout.on('data', (chunk: Buffer) => {
    answered = true;
    touch();
    if (!socket.push(chunk)) child.stdout.pause();
  });
  // An end before any byte is ssh giving up: its exit status and stderr say why ('close').
  child.stdout.on('end', () => answered && socket.push(null));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  child.stdin.on('error', () => undefined); // EPIPE once ssh has gone: its exit says why
  const failed = (message: string, cause?: unknown) => socket.destroy(Object.assign(new Error(message, { cause }), { code: 'ESSH' }));
  child.once('error', (err) => failed(`could not run ${program} (${err.message}): install an OpenSSH client`, err));
  child.once('close', (code) => {
    if (answered) return;
    // ssh ends its lines with \r\n; the message is one line, and gets its full stop from the caller
    const words = stderr
      .split(/[\r\n]+/)
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-3)
      .join(' ')
      .replace(/\.+$/, '');
    if (code !== 0) failed(`ssh exited with ${code}: ${words || 'no message'}`);
    else failed(`ssh ended without an answer from the engine${words ? `: ${words}` : ''} (is docker installed on the far side?)`);
  });
  // What http's client and agent ask of a socket. A pipe has no Nagle or TCP keep-alive; the
  // idle timeout is kept here (an idle keep-alive connection is an ssh process), and ref/unref
  // go to the process and its pipes, so that a pooled connection never holds the event loop.
  const extra = socket as Duplex & Record<string, unknown>;
  extra.setNoDelay = () => socket;
  extra.setKeepAlive = () => socket;
  extra.setTimeout = (ms: number, onTimeout?: () => void) => {
    idle = { ms };
    if (onTimeout) socket.once('timeout', onTimeout);
    touch();
    return socket;
  };
  const pipes = [child.stdin, child.stdout, child.stderr] as unknown as Array<{ ref?: () => void; unref?: () => void }>;
  extra.ref = () => {
    child.ref();
    for (const p of pipes) p.ref?.();
    return socket;
  };
  extra.unref = () => {
    child.unref();
    for (const p of pipes) p.unref?.();
    return socket;
  };
  return socket;
}

/** An idle ssh connection is closed after this long. */
const IDLE_MS = 15_000;

/**
 * An http.Agent whose connections are `ssh … docker system dial-stdio` processes. Kept alive
 * between requests, since each new one costs an ssh handshake (half a second on loopback); an
 * idle one is unref'd (it never keeps a process alive) and closed after IDLE_MS.
 */
export function sshAgent(url: string, options: AgentOptions = {}): Agent {
  const args = sshArgs(sshTarget(url));
  const agent = new Agent({ keepAlive: true, timeout: IDLE_MS, ...options });
  (agent as unknown as { createConnection: () => Duplex }).createConnection = () => sshSocket(args);
  return agent;
}
