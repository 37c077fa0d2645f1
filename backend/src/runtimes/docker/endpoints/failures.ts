// Why an engine could not be reached, in words that say what to fix: the socket is not there,
// the TLS handshake failed (and on which side), ssh failed. Pure: an error in, a sentence out.

import type { EngineEndpoint } from './types.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// The engine's certificate did not pass: the chain, the dates or the name.
const SERVER_CERT = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface Failure {
  /** the error's code: ECONNREFUSED, CERT_HAS_EXPIRED, ESSH … */
  code: string;
  /** what went wrong and what to do, without naming the engine */
  why: string;
}

const codeOf = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : undefined;
};
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** A failure to reach the engine at all; null for errors the engine itself answered with. */
export function classifyFailure(err: unknown): Failure | null {
  const code = codeOf(err);
  const message = messageOf(err);
  if (code && SERVER_CERT.has(code)) {
    return {
      code,
      why: `its TLS certificate was not accepted (${code}: ${message}): check the CA certificate (ca.pem) that verifies it and the name or address it was made for`,
    };
  }
  if (code === 'ESSH') return { code, why: message };
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || /wrong version number|packet length too long/i.test(message)) {
    return { code: code ?? 'EPROTO', why: 'it does not speak TLS there: use tcp:// without DOCKER_TLS_VERIFY, or the port where it serves TLS' };
  }
  if (/alert (bad certificate|certificate required|unknown ca|certificate unknown|certificate expired|decrypt error|handshake failure)/i.test(message)) {
    return {
      code: code ?? 'EPROTO',
      why: `it refused cdebug's client certificate (${message.replace(/^.*?:error:/, '')}): check cert.pem and key.pem, and that the engine trusts their CA`,
    };
  }
  if (code?.startsWith('ERR_OSSL') || code?.startsWith('ERR_SSL')) {
    return { code, why: `the TLS set-up failed (${code}: ${message}): check ca.pem, cert.pem and key.pem` };
  }
  if (code && UNREACHABLE.has(code)) return { code, why: `it does not answer (${code})` };
  // A TLS engine answers plain http with this 400, before any API code runs.
  // docker-modem keeps a body that is not JSON (this one is plain text) as a Buffer
  const body = (err as { json?: unknown })?.json;
  const text = typeof body === 'string' || Buffer.isBuffer(body) ? body.toString() : '';
  if (/HTTP request to an HTTPS server/i.test(message) || /HTTP request to an HTTPS server/i.test(text)) {
    return { code: 'EHTTPS', why: 'it wants TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (or use a context that has TLS material)' };
  }
  return null;
}

/** What the user named, so that the message points at the setting to change. */
export function describeEndpoint(endpoint: EngineEndpoint): string {
  switch (endpoint.source) {
    case 'flag':
      return endpoint.name === 'default' ? `The container engine at ${endpoint.host} (--host)` : `The engine of context "${endpoint.name}" at ${endpoint.host}`;
    case 'env':
      return endpoint.name === 'default'
        ? `The container engine at ${endpoint.host} (DOCKER_HOST)`
        : `The engine of context "${endpoint.name}" (DOCKER_CONTEXT) at ${endpoint.host}`;
    case 'context':
      return `The engine of context "${endpoint.name}" (the current context) at ${endpoint.host}`;
    default:
      return `The container engine at ${endpoint.host}`;
  }
}

export function hintFor(endpoint: EngineEndpoint | undefined, failure: Failure): string {
  if (failure.code !== 'ECONNREFUSED' && failure.code !== 'ENOENT') return '';
  if (!endpoint || endpoint.source === 'default') return ': start Docker, or point DOCKER_HOST at a running engine';
  if (endpoint.name !== 'default') return ': start it, or pick another context (see `cdebug contexts`)';
  return endpoint.source === 'flag' ? ': start it, or check --host' : ': start it, or point DOCKER_HOST at a running engine';
}
