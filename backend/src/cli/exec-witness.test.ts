// What `cdebug exec` tells the exit diagnosis, from inspecting the target: a refused connection
// is an engine gone, any answer of the engine's own (a 404 too) one that is there.
import { describe, expect, it } from 'vitest';
import { execWitness } from './exec-witness.js';

const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
const notFound = Object.assign(new Error('no such container'), { statusCode: 404, json: { message: 'No such container: app' } });
const serverError = Object.assign(new Error('boom'), { statusCode: 500, json: { message: 'boom' } });

function inspecting(answer: { State: { Running?: boolean; Paused?: boolean } } | Error) {
  const asked: string[] = [];
  const inspect = async (id: string) => {
    asked.push(id);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { asked, inspect };
}

describe('execWitness', () => {
  it('reads the target as running, paused or stopped', async () => {
    const running = inspecting({ State: { Running: true } });
    expect(await execWitness(running.inspect, 'app-id').targetState()).toBe('running');
    expect(running.asked).toEqual(['app-id']);
    expect(await execWitness(inspecting({ State: { Running: true, Paused: true } }).inspect, 'app-id').targetState()).toBe('stopped');
    expect(await execWitness(inspecting({ State: { Running: false } }).inspect, 'app-id').targetState()).toBe('stopped');
  });

  it('reads a removed target as gone, and cannot tell when the engine fails otherwise', async () => {
    expect(await execWitness(inspecting(notFound).inspect, 'app-id').targetState()).toBe('gone');
    await expect(execWitness(inspecting(serverError).inspect, 'app-id').targetState()).rejects.toBe(serverError);
  });

  it('takes any answer from the engine as its presence, and a refused connection as its absence', async () => {
    expect(await execWitness(inspecting({ State: { Running: false } }).inspect, 'app-id').engineAnswers()).toBe(true);
    expect(await execWitness(inspecting(notFound).inspect, 'app-id').engineAnswers()).toBe(true);
    expect(await execWitness(inspecting(refused).inspect, 'app-id').engineAnswers()).toBe(false);
  });

  it('has heard nothing from events it does not watch', () => {
    const w = execWitness(inspecting({ State: { Running: true } }).inspect, 'app-id');
    expect([w.targetGone(), w.killedFromOutside()]).toEqual([false, false]);
  });
});
