// The Docker session side's word on a target, which `cdebug exec`'s exit diagnosis and the
// service's both read through the port: running, stopped (paused counts), gone (404).
import { describe, expect, it } from 'vitest';
import type { Engine } from './api/connect.js';
import { containing } from '../../../test/helpers/matchers.js';
import { dockerSessionEngine } from './sessions.js';

const notFound = Object.assign(new Error('no such container'), { statusCode: 404, json: { message: 'No such container: app' } });
const serverError = Object.assign(new Error('boom'), { statusCode: 500, json: { message: 'boom' } });

function inspecting(answer: { State: { Running?: boolean; Paused?: boolean } } | Error) {
  const asked: string[] = [];
  const engine = {
    getContainer: (id: string) => ({
      inspect: async () => {
        asked.push(id);
        if (answer instanceof Error) throw answer;
        return answer;
      },
    }),
  } as unknown as Engine;
  return { asked, sessions: dockerSessionEngine(engine, 'test-owner', () => engine) };
}

describe('dockerSessionEngine.targetState', () => {
  it('reads the target as running, paused or stopped', async () => {
    const running = inspecting({ State: { Running: true } });
    expect(await running.sessions.targetState('app-id')).toBe('running');
    expect(running.asked).toEqual(['app-id']);
    expect(await inspecting({ State: { Running: true, Paused: true } }).sessions.targetState('app-id')).toBe('stopped');
    expect(await inspecting({ State: { Running: false } }).sessions.targetState('app-id')).toBe('stopped');
  });

  it('reads a removed target as gone, and cannot tell when the engine fails otherwise', async () => {
    expect(await inspecting(notFound).sessions.targetState('app-id')).toBe('gone');
    await expect(inspecting(serverError).sessions.targetState('app-id')).rejects.toMatchObject({ code: 'internal', message: containing('boom') });
  });
});
