import { describe, expect, it } from 'vitest';
import { parseArgs } from '../options.js';
import { DEFAULT_PORT, planServe, serveSpec } from './serve.js';

function plan(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const parsed = parseArgs(serveSpec, argv, env);
  if (!parsed.ok) return parsed;
  return planServe(parsed.value, env, 'box');
}

describe('cdebug serve options', () => {
  it('listens on 127.0.0.1:7681 by default, with a token made at start and a 30-minute idle timeout', () => {
    const p = plan([]);
    expect(p).toMatchObject({
      ok: true,
      value: {
        socketPath: null,
        tcp: { host: '127.0.0.1', port: DEFAULT_PORT, allowRemote: false },
        token: null,
        idleTimeoutSeconds: 1800,
        keepSessions: false,
      },
    });
    expect(p.ok && p.value.owner).toBe('service:box:tcp:127.0.0.1:7681');
  });

  it('takes the environment, and flags win over it', () => {
    const env = { CDEBUG_PORT: '9000', CDEBUG_HOST: 'localhost', CDEBUG_TOKEN: 'from-the-environment', CDEBUG_IDLE_TIMEOUT: '60' };
    expect(plan([], env)).toMatchObject({ ok: true, value: { tcp: { host: 'localhost', port: 9000 }, token: 'from-the-environment', idleTimeoutSeconds: 60 } });
    expect(plan(['--port', '9001', '--token', 'from-the-command-line'], env)).toMatchObject({
      ok: true,
      value: { tcp: { port: 9001 }, token: 'from-the-command-line' },
    });
  });

  it('listens on the socket only when only --socket is given, on both when --port is too', () => {
    expect(plan(['--socket', '/run/guest-services/cdebug.sock'])).toMatchObject({
      ok: true,
      value: { socketPath: '/run/guest-services/cdebug.sock', tcp: null },
    });
    const both = plan(['--socket', '/run/x.sock', '--port', '0']);
    expect(both).toMatchObject({ ok: true, value: { socketPath: '/run/x.sock', tcp: { port: 0 } } });
    expect(both.ok && both.value.owner).toBe('service:box:unix:/run/x.sock');
  });

  it('refuses bad values, naming the flag', () => {
    for (const [argv, env, word] of [
      [['--port', 'http'], {}, '--port'],
      [['--port', '70000'], {}, '--port'],
      [['--token', 'short'], {}, '--token'],
      [['--token', 'has spaces in it, sixteen+'], {}, '--token'],
      [[], { CDEBUG_IDLE_TIMEOUT: 'soon' }, 'CDEBUG_IDLE_TIMEOUT'],
      [['extra'], {}, 'no arguments'],
    ] as Array<[string[], NodeJS.ProcessEnv, string]>) {
      const p = plan(argv, env);
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.error.message).toContain(word);
    }
  });

  it('takes the WebSocket origin policy from --origin-policy or CDEBUG_ORIGIN_POLICY, same-origin by default', () => {
    expect(plan([])).toMatchObject({ ok: true, value: { originPolicy: 'same-origin' } });
    expect(plan(['--origin-policy', 'token-only'])).toMatchObject({ ok: true, value: { originPolicy: 'token-only' } });
    expect(plan([], { CDEBUG_ORIGIN_POLICY: 'token-only' })).toMatchObject({ ok: true, value: { originPolicy: 'token-only' } });
    expect(plan(['--origin-policy', 'same-origin'], { CDEBUG_ORIGIN_POLICY: 'token-only' })).toMatchObject({
      ok: true,
      value: { originPolicy: 'same-origin' },
    });
    // no wildcard spelling, and no prototype key, slips through as a policy
    for (const bad of ['*', 'any', 'toString', 'TOKEN-ONLY']) {
      const p = plan(['--origin-policy', bad]);
      expect(p).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      if (!p.ok) expect(p.error.message).toContain('--origin-policy');
    }
  });

  it('reads --published-on-loopback from CDEBUG_PUBLISHED_ON_LOOPBACK, off by default', () => {
    expect(plan([])).toMatchObject({ ok: true, value: { tcp: { publishedOnLoopback: false } } });
    expect(plan(['--host', '0.0.0.0'], { CDEBUG_PUBLISHED_ON_LOOPBACK: '1' })).toMatchObject({
      ok: true,
      value: { tcp: { host: '0.0.0.0', allowRemote: false, publishedOnLoopback: true } },
    });
  });

  it('reads boolean flags from their variables too', () => {
    expect(plan(['--open', '--allow-remote', '--host', '0.0.0.0'])).toMatchObject({
      ok: true,
      value: { open: true, tcp: { host: '0.0.0.0', allowRemote: true } },
    });
    expect(plan([], { CDEBUG_KEEP_SESSIONS: '1' })).toMatchObject({ ok: true, value: { keepSessions: true } });
  });
});

describe('cdebug serve --engine', () => {
  it('drives the environment engine alone, named "default", when no engine is named', () => {
    expect(plan([])).toMatchObject({ ok: true, value: { engines: [], defaultEngine: null } });
  });

  it('takes engines by name, the first as the default unless --default-engine names another', () => {
    const argv = ['--engine', 'local=unix:///var/run/docker.sock', '--engine=ci=tcp://127.0.0.1:2375'];
    expect(plan(argv)).toMatchObject({
      ok: true,
      value: {
        engines: [
          { name: 'local', url: 'unix:///var/run/docker.sock' },
          { name: 'ci', url: 'tcp://127.0.0.1:2375' },
        ],
        defaultEngine: 'local',
      },
    });
    expect(plan([...argv, '--default-engine', 'ci'])).toMatchObject({ ok: true, value: { defaultEngine: 'ci' } });
  });

  it('takes a Kubernetes CRI runtime (cri:///socket) beside Docker engines, its address as given', () => {
    const argv = ['--engine', 'docker=unix:///var/run/docker.sock', '--engine', 'node=cri:///run/containerd/containerd.sock'];
    expect(plan(argv)).toMatchObject({
      ok: true,
      value: {
        engines: [
          { name: 'docker', url: 'unix:///var/run/docker.sock' },
          { name: 'node', url: 'cri:///run/containerd/containerd.sock' },
        ],
      },
    });
  });

  it('reads CDEBUG_ENGINES and CDEBUG_DEFAULT_ENGINE when no flag is given; --engine replaces the list', () => {
    const env = { CDEBUG_ENGINES: 'a=unix:///a.sock, b=unix:///b.sock', CDEBUG_DEFAULT_ENGINE: 'b' };
    expect(plan([], env)).toMatchObject({ ok: true, value: { engines: [{ name: 'a' }, { name: 'b' }], defaultEngine: 'b' } });
    expect(plan(['--engine', 'c=unix:///c.sock'], { CDEBUG_ENGINES: env.CDEBUG_ENGINES })).toMatchObject({
      ok: true,
      value: { engines: [{ name: 'c' }], defaultEngine: 'c' },
    });
  });

  it('refuses unsafe names, bad addresses, repeated names and an unknown default, naming the flag', () => {
    for (const argv of [
      ['--engine', 'bad name=unix:///x.sock'],
      ['--engine', 'x=/var/run/docker.sock'],
      ['--engine', 'x=unix:///a.sock', '--engine', 'x=unix:///b.sock'],
      ['--engine', 'x=unix:///a.sock', '--default-engine', 'y'],
    ]) {
      const p = plan(argv);
      expect(p.ok, argv.join(' ')).toBe(false);
      if (!p.ok) expect(p.error.message).toMatch(/--(default-)?engine/);
    }
  });

  it('appends the audit trail to --audit-log (or CDEBUG_AUDIT_LOG), by default under the state directory', () => {
    const parsed = (argv: string[], env: NodeJS.ProcessEnv) => {
      const p = parseArgs(serveSpec, argv, env);
      if (!p.ok) throw new Error(p.error.message);
      return planServe(p.value, env, 'box', '/home/ann');
    };
    expect(parsed([], {})).toMatchObject({ ok: true, value: { auditLog: '/home/ann/.local/state/cdebug/audit.log' } });
    expect(parsed([], { XDG_STATE_HOME: '/var/state' })).toMatchObject({ ok: true, value: { auditLog: '/var/state/cdebug/audit.log' } });
    expect(parsed([], { CDEBUG_AUDIT_LOG: '/srv/audit.log' })).toMatchObject({ ok: true, value: { auditLog: '/srv/audit.log' } });
    expect(parsed(['--audit-log', '/x/a.log'], { CDEBUG_AUDIT_LOG: '/srv/audit.log' })).toMatchObject({ ok: true, value: { auditLog: '/x/a.log' } });
  });
});
