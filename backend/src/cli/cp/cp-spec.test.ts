import { describe, expect, it } from 'vitest';
import { planCopy, splitPath } from './cp-spec.js';

describe('planCopy', () => {
  it('reads TARGET:PATH LOCAL as out of the container, and the reverse as into it', () => {
    expect(planCopy(['web:/etc/passwd', 'out'])).toEqual({ ok: true, value: { direction: 'out', target: 'web', path: '/etc/passwd', local: 'out' } });
    expect(planCopy(['./a:b', 'web:/tmp/'])).toEqual({ ok: true, value: { direction: 'in', target: 'web', path: '/tmp', local: './a:b' } });
  });

  it('refuses two local or two container paths, a relative container path, and the wrong count', () => {
    expect(planCopy(['a', 'b'])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(planCopy(['x:/a', 'y:/b'])).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(planCopy(['x:etc', 'out'])).toMatchObject({ ok: false, error: { message: expect.stringContaining('absolute') as unknown } });
    expect(planCopy(['x:/a'])).toMatchObject({ ok: false });
  });
});

describe('splitPath', () => {
  it('gives the directory and name tar runs with', () => {
    expect(splitPath('/etc/passwd')).toEqual({ dir: '/etc', name: 'passwd' });
    expect(splitPath('/srv')).toEqual({ dir: '/', name: 'srv' });
    expect(splitPath('/')).toEqual({ dir: '/', name: '.' });
  });
});
