// What `cdebug exec` tells the exit diagnosis: the target's state from inspecting it, the
// engine's presence from the probe it is given (runtimes/docker/api/connect.ts's engineAnswers).
import { describe, expect, it } from 'vitest';
import { execWitness } from './exec-witness.js';

const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
const notFound = Object.assign(new Error('no such container'), { statusCode: 404, json: { message: 'No such container: app' } });
const answers = async () => true;
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
    expect(await execWitness(running.inspect, answers, 'app-id').targetState()).toBe('running');
    expect(running.asked).toEqual(['app-id']);
    expect(await execWitness(inspecting({ State: { Running: true, Paused: true } }).inspect, answers, 'app-id').targetState()).toBe('stopped');
    expect(await execWitness(inspecting({ State: { Running: false } }).inspect, answers, 'app-id').targetState()).toBe('stopped');
  });

  it('reads a removed target as gone, and cannot tell when the engine fails otherwise', async () => {
    expect(await execWitness(inspecting(notFound).inspect, answers, 'app-id').targetState()).toBe('gone');
    await expect(execWitness(inspecting(serverError).inspect, answers, 'app-id').targetState()).rejects.toBe(serverError);
  });

  it('asks the probe, not the inspect, whether the engine is there', async () => {
    const target = inspecting({ State: { Running: true } });
    expect(await execWitness(target.inspect, async () => false, 'app-id').engineAnswers()).toBe(false);
    expect(await execWitness(inspecting(refused).inspect, async () => true, 'app-id').engineAnswers()).toBe(true);
    expect(target.asked).toEqual([]);
  });

  it('has heard nothing from events it does not watch', () => {
    const w = execWitness(inspecting({ State: { Running: true } }).inspect, answers, 'app-id');
    expect([w.targetGone(), w.killedFromOutside()]).toEqual([false, false]);
  });
});
