import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyFraming, ChunkedDecoder, formatRequest, MAX_HEAD_BYTES, parseHead } from './http1.js';

const head = (text: string) => {
  const parsed = parseHead(Buffer.from(text, 'latin1'));
  if (parsed.kind !== 'head') throw new Error(`expected a head, got ${parsed.kind}`);
  return parsed;
};

describe('formatRequest', () => {
  it('writes a JSON body with its byte length (not its character count)', () => {
    const text = formatRequest({ method: 'POST', path: '/containers/create?name=x', host: 'docker', body: '{"a":"é"}' }).toString('utf8');
    expect(text).toMatch(/^POST \/containers\/create\?name=x HTTP\/1\.1\r\nHost: docker\r\n/);
    expect(text).toContain('Content-Type: application/json\r\n');
    expect(text).toContain('Content-Length: 10\r\n');
    expect(text).toContain('Connection: close\r\n');
    expect(text.endsWith('\r\n\r\n{"a":"é"}')).toBe(true);
  });

  it('sends an empty body as Content-Length: 0, and an attach as an upgrade to tcp', () => {
    const text = formatRequest({ method: 'POST', path: '/containers/x/attach?stream=1', host: 'docker', upgrade: true }).toString('latin1');
    expect(text).toContain('Content-Length: 0\r\n');
    expect(text).toContain('Connection: Upgrade\r\nUpgrade: tcp\r\n');
    expect(text).not.toContain('Content-Type');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });
});

describe('parseHead', () => {
  it('reads the status and the headers (names in lower case) and hands back what follows', () => {
    const parsed = head('HTTP/1.1 201 Created\r\nApi-Version: 1.41\r\nContent-Length: 4\r\n\r\n{"a"');
    expect(parsed.head.status).toBe(201);
    expect(parsed.head.headers.get('api-version')).toBe('1.41');
    expect(parsed.rest.toString()).toBe('{"a"');
  });

  it('waits for more until the blank line has come', () => {
    expect(parseHead(Buffer.from('HTTP/1.1 200 OK\r\nContent-Le')).kind).toBe('more');
  });

  it("takes HTTP/1.0 (a TLS engine's answer to plain http) and a status line without a reason", () => {
    expect(head('HTTP/1.0 400 Bad Request\r\n\r\n').head.status).toBe(400);
    expect(head('HTTP/1.1 204\r\n\r\n').head.status).toBe(204);
  });

  it('refuses what is not an HTTP answer, and a head that never ends', () => {
    expect(parseHead(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n')).kind).toBe('invalid');
    expect(parseHead(Buffer.from('HTTP/1.1 200 OK\r\nno colon here\r\n\r\n')).kind).toBe('invalid');
    expect(parseHead(Buffer.alloc(MAX_HEAD_BYTES + 1, 'a')).kind).toBe('invalid');
  });
});

describe('bodyFraming', () => {
  it('prefers chunked, then a length, and reads to the end otherwise', () => {
    expect(bodyFraming(head('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n').head)).toEqual({ kind: 'chunked' });
    expect(bodyFraming(head('HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n').head)).toEqual({ kind: 'length', length: 12 });
    expect(bodyFraming(head('HTTP/1.0 400 Bad Request\r\n\r\n').head)).toEqual({ kind: 'close' });
    expect(bodyFraming(head('HTTP/1.1 204 No Content\r\n\r\n').head)).toEqual({ kind: 'length', length: 0 });
  });
});

const chunkedBody = (parts: string[]) => parts.map((p) => `${Buffer.byteLength(p).toString(16)}\r\n${p}\r\n`).join('') + '0\r\n\r\n';

describe('ChunkedDecoder', () => {
  it('decodes a body that comes in one piece', () => {
    const decoder = new ChunkedDecoder();
    const out = decoder.push(Buffer.from(chunkedBody(['{"StatusCode":', '0}'])));
    expect(Buffer.concat(out).toString()).toBe('{"StatusCode":0}');
    expect(decoder.done).toBe(true);
    expect(decoder.error).toBeNull();
  });

  it('decodes the same body cut anywhere, one byte at a time included', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 10 }), (parts, cuts) => {
        const wire = Buffer.from(chunkedBody(parts));
        const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
        const decoder = new ChunkedDecoder();
        const out: Buffer[] = [];
        let from = 0;
        for (const to of [...points, wire.length]) {
          out.push(...decoder.push(wire.subarray(from, to)));
          from = to;
        }
        expect(Buffer.concat(out).toString()).toBe(parts.join(''));
        expect(decoder.done).toBe(true);
      }),
    );
    const decoder = new ChunkedDecoder();
    const wire = Buffer.from(chunkedBody(['ab', 'cdef']));
    const out: Buffer[] = [];
    for (let i = 0; i < wire.length; i++) out.push(...decoder.push(wire.subarray(i, i + 1)));
    expect(Buffer.concat(out).toString()).toBe('abcdef');
    expect(decoder.done).toBe(true);
  });

  it('reads chunk extensions and upper-case sizes', () => {
    const decoder = new ChunkedDecoder();
    const out = decoder.push(Buffer.from('A;name=x\r\n0123456789\r\n0\r\n\r\n'));
    expect(Buffer.concat(out).toString()).toBe('0123456789');
    expect(decoder.done).toBe(true);
  });

  it('says what is wrong with a broken body instead of reading on', () => {
    const badSize = new ChunkedDecoder();
    badSize.push(Buffer.from('zz\r\nab\r\n'));
    expect(badSize.error).toMatch(/malformed chunk size/);
    const tooLong = new ChunkedDecoder();
    tooLong.push(Buffer.from('2\r\nabc\r\n'));
    expect(tooLong.error).toMatch(/longer than its size/);
    const endless = new ChunkedDecoder();
    endless.push(Buffer.alloc(2000, '1'));
    expect(endless.error).toMatch(/too long/);
    expect(endless.done).toBe(false);
  });
});
