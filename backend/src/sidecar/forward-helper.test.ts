import { describe, expect, it } from 'vitest';
import { HEARTBEAT, LIFELINE, buildForwardHelperSpec, connectCommand, helperSessionLabel, isRefusal, lifelineCommand } from './forward-helper.js';
import { LABELS } from './spec.js';

const base = { owner: 'cli:host:42', forwardId: 'f1', targetId: 'abc123', image: 'docker.io/library/busybox:latest' };

describe('buildForwardHelperSpec', () => {
  it("joins only the target's network namespace", () => {
    const spec = buildForwardHelperSpec({ ...base, purpose: 'forward' });
    expect(spec.HostConfig?.NetworkMode).toBe('container:abc123');
    expect(spec.HostConfig?.PidMode).toBeUndefined();
    expect(spec.HostConfig?.PortBindings).toBeUndefined();
    expect(spec.ExposedPorts).toBeUndefined();
  });

  it('keeps a forward helper alive on its attach alone, and removes it when that ends', () => {
    const spec = buildForwardHelperSpec({ ...base, purpose: 'forward' });
    expect(spec.Entrypoint).toEqual(lifelineCommand());
    expect(spec.Cmd).toEqual([]);
    expect(spec).toMatchObject({ OpenStdin: true, StdinOnce: true, AttachStdin: true, Tty: false });
    expect(spec.HostConfig?.AutoRemove).toBe(true);
  });

  it('reads both /proc/net files in a port reader, kept until its output is read', () => {
    const spec = buildForwardHelperSpec({ ...base, purpose: 'ports' });
    expect(spec.Entrypoint).toEqual(['cat', '/proc/net/tcp', '/proc/net/tcp6']);
    expect(spec.OpenStdin).toBe(false);
    expect(spec.HostConfig?.AutoRemove).toBe(false);
  });

  it('carries the labels that reconciliation and clean-ups find', () => {
    const spec = buildForwardHelperSpec({ ...base, purpose: 'forward' });
    expect(spec.Labels).toEqual({
      [LABELS.session]: helperSessionLabel('f1'),
      [LABELS.target]: 'abc123',
      [LABELS.owner]: 'cli:host:42',
      [LABELS.image]: base.image,
      [LABELS.forward]: 'f1',
    });
  });
});

describe('the lifeline', () => {
  it('beats several times per timeout, so that a late beat or two does not cut a live forward', () => {
    expect(LIFELINE.heartbeatMs * 3).toBeLessThanOrEqual(LIFELINE.timeoutSeconds * 1000);
    expect(HEARTBEAT).toBe('\n');
  });

  it('reads lines with the timeout, in a shell the toolkit has', () => {
    const [shell, flag, script] = lifelineCommand();
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(script).toBe(`while read -t ${LIFELINE.timeoutSeconds} beat; do :; done`);
  });
});

describe('connectCommand', () => {
  it('hands host and port to nc as arguments, never through a shell', () => {
    expect(connectCommand('127.0.0.1', 8080)).toEqual(['nc', '127.0.0.1', '8080']);
    expect(connectCommand('$(x)', 1)).toEqual(['nc', '$(x)', '1']);
  });
});

describe('isRefusal', () => {
  it.each([
    ["nc: can't connect to remote host (127.0.0.1): Connection refused\n", true],
    ['Ncat: Connection refused.', true],
    ['', false],
    ['nc: bad address', false],
  ])('%j → %s', (text, expected) => {
    expect(isRefusal(text)).toBe(expected);
  });
});
