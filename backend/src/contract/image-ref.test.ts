import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseImageRef } from './image-ref.js';
import { MAX_IMAGE_REF } from './limits.js';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('parseImageRef: valid references', () => {
  it.each([
    ['busybox', { domain: null, path: 'busybox', tag: null, digest: null, canonical: 'busybox:latest' }],
    ['busybox:1.36', { domain: null, path: 'busybox', tag: '1.36', digest: null, canonical: 'busybox:1.36' }],
    ['busybox:latest', { domain: null, path: 'busybox', tag: 'latest', canonical: 'busybox:latest' }],
    ['library/busybox', { domain: null, path: 'library/busybox', canonical: 'library/busybox:latest' }],
    ['nixery.dev/shell/ps/findutils', { domain: 'nixery.dev', path: 'shell/ps/findutils', tag: null, canonical: 'nixery.dev/shell/ps/findutils:latest' }],
    ['localhost:5000/a/b:tag', { domain: 'localhost:5000', path: 'a/b', tag: 'tag', canonical: 'localhost:5000/a/b:tag' }],
    ['localhost/a', { domain: 'localhost', path: 'a', canonical: 'localhost/a:latest' }],
    ['127.0.0.1:1/nope:latest', { domain: '127.0.0.1:1', path: 'nope', tag: 'latest' }],
    ['ghcr.io/owner/img:v1.2.3-rc_1', { domain: 'ghcr.io', path: 'owner/img', tag: 'v1.2.3-rc_1' }],
    ['cdebug-fixture/distroless:latest', { domain: null, path: 'cdebug-fixture/distroless' }],
    ['a__b/c.d/e--f', { domain: null, path: 'a__b/c.d/e--f' }],
    ['Registry.Example.com/a', { domain: 'Registry.Example.com', path: 'a' }],
    ['[::1]:5000/a', { domain: '[::1]:5000', path: 'a' }],
    [`busybox@${DIGEST}`, { tag: null, digest: DIGEST, canonical: `busybox@${DIGEST}` }],
    [`busybox:1.36@${DIGEST}`, { tag: '1.36', digest: DIGEST, canonical: `busybox:1.36@${DIGEST}` }],
    [`localhost:5000/a@${DIGEST}`, { domain: 'localhost:5000', digest: DIGEST, canonical: `localhost:5000/a@${DIGEST}` }],
  ] as const)('%s', (input, expected) => {
    const r = parseImageRef(input);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) expect(r.value).toMatchObject(expected);
  });

  it('adds :latest only when neither tag nor digest is given', () => {
    const canon = (s: string) => {
      const r = parseImageRef(s);
      return r.ok ? r.value.canonical : null;
    };
    expect(canon('busybox')).toBe('busybox:latest');
    expect(canon('a/b/c')).toBe('a/b/c:latest');
    expect(canon('busybox:musl')).toBe('busybox:musl');
    expect(canon(`busybox@${DIGEST}`)).toBe(`busybox@${DIGEST}`);
  });

  it('gives a canonical form that parses to itself', () => {
    const component = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)?$/);
    const tag = fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/), { nil: undefined });
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 3 }), tag, (parts, t) => {
        const input = `${parts.join('/')}${t === undefined ? '' : `:${t}`}`;
        const first = parseImageRef(input);
        expect(first.ok, input).toBe(true);
        if (!first.ok) return;
        const again = parseImageRef(first.value.canonical);
        expect(again.ok && again.value.canonical).toBe(first.value.canonical);
      }),
    );
  });
});

describe('parseImageRef: invalid references (invalid_image, with what is wrong)', () => {
  it.each([
    ['UPPER/Case', /lower-case/],
    ['Busybox', /lower-case/],
    ['busybox/UPPER', /lower-case/],
    ['bad image', /white space/],
    [' busybox', /white space/],
    ['busybox\n', /white space/],
    ['busybox\t:latest', /white space/],
    ['', /empty/],
    [':tag', /name is missing/],
    [':', /./],
    ['busybox:', /tag/],
    ['busybox:-x', /tag/],
    ['busybox:.x', /tag/],
    [`busybox:${'t'.repeat(129)}`, /tag/],
    ['busybox:a/b', /./],
    ['a'.repeat(600), /longer than 512/],
    [`${'a'.repeat(256)}:latest`, /longer than 255/],
    ['busybox@sha256:abc', /digest/],
    ['busybox@sha256:', /digest/],
    ['busybox@', /digest/],
    [`busybox@md5:${'g'.repeat(32)}`, /digest/],
    ['a//b', /empty path component/],
    ['/busybox', /empty path component/],
    ['busybox/', /empty path component/],
    ['a..b', /lower-case/],
    ['-a', /lower-case/],
    ['a-', /lower-case/],
    ['bad_host_.com/a', /registry host/],
    ['exa mple.com/a', /white space/],
    ['localhost:port/a', /registry host/],
    ['a$b', /lower-case/],
  ] as Array<[string, RegExp]>)('%j', (input, why) => {
    const r = parseImageRef(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_image');
    expect(r.error.message).toMatch(why);
  });

  it('says "not a valid image reference" and quotes the input, shortened', () => {
    const r = parseImageRef('UPPER/Case');
    expect(!r.ok && r.error.message).toMatch(/^"UPPER\/Case" is not a valid image reference: /);
    const long = parseImageRef('A'.repeat(MAX_IMAGE_REF + 100));
    expect(!long.ok && long.error.message.length).toBeLessThan(200);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 700 }), (s) => {
        const r = parseImageRef(s);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.code).toBe('invalid_image');
      }),
    );
  });
});
