import { describe, expect, it } from 'vitest';
import { parseEngineSpec, planEngines } from './spec.js';
import { containing } from '../../../test/helpers/matchers.js';

describe('--engine NAME=URL', () => {
  it('takes unix, tcp and ssh addresses', () => {
    expect(parseEngineSpec('local=unix:///var/run/docker.sock')).toEqual({ ok: true, value: { name: 'local', url: 'unix:///var/run/docker.sock' } });
    expect(parseEngineSpec('build-1=tcp://127.0.0.1:2375')).toMatchObject({ ok: true, value: { name: 'build-1', url: 'tcp://127.0.0.1:2375' } });
    expect(parseEngineSpec('edge.a_b=ssh://me@127.0.0.1')).toMatchObject({ ok: true, value: { name: 'edge.a_b' } });
  });

  it('refuses unsafe names, naming the flag and the value', () => {
    for (const bad of ['=unix:///x', '-x=unix:///x', 'a b=unix:///x', 'a/b=unix:///x', '../x=unix:///x', `${'n'.repeat(64)}=unix:///x`, 'é=unix:///x']) {
      const parsed = parseEngineSpec(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatchObject({ code: 'bad_request', message: containing(`--engine ${bad}`) });
    }
  });

  it('refuses what is not an engine address', () => {
    for (const bad of ['noequals', 'a=', 'a=/var/run/docker.sock', 'a=ftp://host', 'a=unix://', 'a=tcp://']) {
      expect(parseEngineSpec(bad).ok, bad).toBe(false);
    }
  });
});

describe('the engines of a service', () => {
  it('makes the first one the default unless --default-engine names another', () => {
    const specs = ['a=unix:///a.sock', 'b=unix:///b.sock'];
    expect(planEngines(specs)).toMatchObject({ ok: true, value: { defaultName: 'a', engines: [{ name: 'a' }, { name: 'b' }] } });
    expect(planEngines(specs, 'b')).toMatchObject({ ok: true, value: { defaultName: 'b' } });
  });

  it('is the environment engine alone when none is given', () => {
    expect(planEngines([])).toEqual({ ok: true, value: { engines: [], defaultName: null } });
  });

  it("names a context's engine after it, after the --engine ones, the first context the default when no --engine is given", () => {
    expect(planEngines(['a=unix:///a.sock'], undefined, ['prod'])).toMatchObject({
      ok: true,
      value: { defaultName: 'a', engines: [{ name: 'a' }, { name: 'prod', context: 'prod' }] },
    });
    expect(planEngines([], undefined, ['prod', 'ci'])).toMatchObject({ ok: true, value: { defaultName: 'prod' } });
    expect(planEngines([], 'ci', ['prod', 'ci'])).toMatchObject({ ok: true, value: { defaultName: 'ci' } });
  });

  it('refuses a context whose name cannot name an engine, or clashes with an --engine', () => {
    expect(planEngines([], undefined, ['a+b'])).toMatchObject({ ok: false, error: { message: containing('--context a+b') } });
    expect(planEngines(['prod=unix:///a.sock'], undefined, ['prod'])).toMatchObject({ ok: false, error: { message: containing('given already') } });
  });

  it('refuses a name given twice and a default that is not configured', () => {
    expect(planEngines(['a=unix:///a.sock', 'a=unix:///b.sock'])).toMatchObject({ ok: false, error: { message: containing('given twice') } });
    expect(planEngines(['a=unix:///a.sock'], 'c')).toMatchObject({ ok: false, error: { message: containing('--default-engine c') } });
    expect(planEngines([], 'c').ok).toBe(false);
  });
});
