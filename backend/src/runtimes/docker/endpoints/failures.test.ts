import { describe, expect, it } from 'vitest';
import { classifyFailure, describeEndpoint } from './failures.js';

const err = (code: string | undefined, message: string) => Object.assign(new Error(message), code ? { code } : {});

describe('classifyFailure', () => {
  it('the engine certificate: not trusted, expired, made for another name', () => {
    for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      expect(classifyFailure(err(code, 'x'))?.why, code).toMatch(/certificate was not accepted.*ca\.pem/);
    }
  });

  it('the client certificate refused by the engine (a TLS alert)', () => {
    const f = classifyFailure(err('ECONNRESET', 'C0:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../deps/ssl.c:1605:'));
    expect(f?.why).toMatch(/refused cdebug's client certificate.*cert\.pem and key\.pem/);
    expect(classifyFailure(err('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required'))?.why).toMatch(/client certificate/);
  });

  it('TLS spoken to a plain engine, and plain http to a TLS one', () => {
    expect(classifyFailure(err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'))?.why).toMatch(/does not speak TLS/);
    const plain = Object.assign(new Error('(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.'), { statusCode: 400 });
    expect(classifyFailure(plain)?.why).toMatch(/wants TLS.*DOCKER_TLS_VERIFY/);
  });

  it('ssh in its own words; sockets that do not answer by their code', () => {
    expect(classifyFailure(err('ESSH', 'ssh exited with 255: Permission denied (publickey).'))?.why).toMatch(/Permission denied/);
    expect(classifyFailure(err('ECONNREFUSED', 'connect ECONNREFUSED'))).toEqual({ code: 'ECONNREFUSED', why: 'it does not answer (ECONNREFUSED)' });
  });

  it('nothing for an answer from the engine itself', () => {
    expect(classifyFailure(Object.assign(new Error('no such container'), { statusCode: 404 }))).toBeNull();
  });
});

describe('describeEndpoint', () => {
  it('names the setting that chose the engine', () => {
    expect(describeEndpoint({ name: 'default', host: 'tcp://h:1', source: 'flag' })).toMatch(/\(--host\)/);
    expect(describeEndpoint({ name: 'default', host: 'tcp://h:1', source: 'env' })).toMatch(/\(DOCKER_HOST\)/);
    expect(describeEndpoint({ name: 'pm', host: 'unix:///p', source: 'env' })).toMatch(/context "pm" \(DOCKER_CONTEXT\)/);
    expect(describeEndpoint({ name: 'pm', host: 'unix:///p', source: 'context' })).toMatch(/context "pm" \(the current context\)/);
  });
});
