import { describe, expect, it } from 'vitest';
import { checkSidecarRequest } from './check-request.js';
import { specRequestOf } from './spec-request.js';
import type { TargetFacts } from './spec.js';

const target = { id: 'c0ffee', name: 'app' } as TargetFacts;
const attach = { tty: true, stdin: true, stdinOnce: false, term: 'xterm-256color' };

describe('specRequestOf', () => {
  it('carries the checked fields and the attach fields, with the canonical image unless the engine names it', () => {
    const checked = checkSidecarRequest({ target: 'app', cmd: ['sh'], env: { A: '1' }, ...attach });
    const req = specRequestOf(checked, { sessionId: 's1', owner: 'cli:h:1', target, cols: 100, rows: 30 });
    expect(req).toMatchObject({ sessionId: 's1', owner: 'cli:h:1', target, cmd: ['sh'], env: { A: '1' }, ...attach, size: { cols: 100, rows: 30 } });
    expect(req.image).toBe(checked.image.canonical);
    expect(specRequestOf(checked, { sessionId: 's1', owner: 'o', target, image: 'docker.io/library/busybox:latest' }).image).toBe(
      'docker.io/library/busybox:latest',
    );
  });

  it('has no size unless both sides are known', () => {
    const request = { cmd: ['true'], ...attach };
    const checked = checkSidecarRequest(request);
    expect(specRequestOf(checked, { sessionId: 's', owner: 'o', target, cols: 80 }).size).toBeNull();
  });
});
