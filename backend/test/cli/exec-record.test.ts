// `cdebug exec --record FILE`: the command's output, and nothing it read, written as asciicast
// v2 that replays to exactly what was printed; a file that cannot be written fails up front
// (125, nothing started, no file), and a session that fails to start leaves no file behind.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCast } from '../../src/sessions/recording/replay.js';
import { cdebugExec, describeRun, expectCdebugError } from '../helpers/cli.js';
import { oneTargetPerFile } from '../helpers/one-target.js';

const target = oneTargetPerFile();
const scratch = mkdtempSync(join(tmpdir(), 'rec-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('cdebug exec --record', () => {
  it('writes the output as asciicast v2 (80x24 without a terminal), escapes and multi-byte characters byte for byte', async () => {
    const file = join(scratch, 'run.cast');
    const script = "printf '\\033[32mgreen\\033[0m caf\\303\\251 \\360\\237\\230\\200\\n'; read secret; echo got-${#secret}";
    const r = await cdebugExec(['-i', '--record', file, target.id, 'sh', '-c', script], { input: 'hunter2\n' });
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toBe('\x1b[32mgreen\x1b[0m café 😀\ngot-7\n');
    const cast = parseCast(readFileSync(file, 'utf8'));
    expect(cast.header).toMatchObject({ version: 2, width: 80, height: 24, title: `${target.name} · busybox:latest` });
    expect(Math.abs(cast.header.timestamp - Date.now() / 1000)).toBeLessThan(60);
    const output = cast.events.filter(([, kind]) => kind === 'o').map(([, , data]) => data);
    expect(output.join('')).toBe(r.stdout);
    // input is never recorded
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    expect(cast.events.every(([, kind]) => kind === 'o')).toBe(true);
  });

  it('refuses a file it cannot write before anything starts', async () => {
    const file = join(scratch, 'no-such-dir', 'run.cast');
    const r = await cdebugExec(['--record', file, target.id, 'true']);
    expectCdebugError(r, /--record .*cannot be written/);
    expect(existsSync(file)).toBe(false);
  });

  it('leaves no file when the session cannot start', async () => {
    const file = join(scratch, 'missing.cast');
    const r = await cdebugExec(['--record', file, 'rec-no-such-container', 'true']);
    expectCdebugError(r, /rec-no-such-container/);
    expect(existsSync(file)).toBe(false);
  });
});
