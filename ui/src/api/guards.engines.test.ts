import { describe, expect, it } from 'vitest';
import { readContainers, readEngines, readSession } from './guards';

const WHAT = 'GET /api/test';

describe('engines in answers', () => {
  it('reads the engine list, with why an engine does not answer', () => {
    const answer = readEngines(
      [
        {
          name: 'local',
          host: 'unix:///var/run/docker.sock',
          default: true,
          reachable: true,
          engine: { name: 'Docker Engine', version: '27', apiVersion: '1.47' },
        },
        { name: 'ci', host: 'tcp://127.0.0.1:2375', default: false, reachable: false, engine: null, error: { code: 'engine_unreachable', message: 'down' } },
      ],
      WHAT,
    );
    expect(answer).toEqual({
      ok: true,
      value: [
        {
          name: 'local',
          host: 'unix:///var/run/docker.sock',
          default: true,
          reachable: true,
          engine: { name: 'Docker Engine', version: '27', apiVersion: '1.47' },
        },
        { name: 'ci', host: 'tcp://127.0.0.1:2375', default: false, reachable: false, engine: null, error: { code: 'engine_unreachable', message: 'down' } },
      ],
    });
  });

  it('refuses an engine without a name or a reachability', () => {
    expect(readEngines([{ host: 'x', reachable: true }], WHAT).ok).toBe(false);
    expect(readEngines([{ name: 'a' }], WHAT).ok).toBe(false);
    expect(readEngines({ engines: [] }, WHAT).ok).toBe(false);
  });

  it('keeps the engine of a container and of a session, and leaves it out when absent', () => {
    const listed = readContainers(
      [
        { id: 'a', name: 'n', image: 'i', state: 'running', engine: 'ci' },
        { id: 'b', name: 'm', image: 'i', state: 'running' },
      ],
      WHAT,
    );
    expect(listed.ok && listed.value.map((c) => c.engine)).toEqual(['ci', undefined]);
    const s = readSession({ id: 's', target: { id: 't', name: 'web' }, image: 'busybox', state: 'running', engine: 'ci' }, WHAT);
    expect(s.ok && s.value.engine).toBe('ci');
  });
});
