import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/connect.js';
import { EXTRA_CA_VARIABLE, restoreExtraCa } from './extra-ca.js';

const dir = mkdtempSync(join(tmpdir(), 'cdebug-extra-ca-'));
const file = join(dir, 'extra.pem');
writeFileSync(file, '-----BEGIN CERTIFICATE-----\nextra\n-----END CERTIFICATE-----\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const engine = (modem: { protocol: string; ca?: unknown }) => ({ modem }) as unknown as Engine;

describe('restoreExtraCa', () => {
  it("gives a TLS engine without a CA Node's roots plus the file, as NODE_EXTRA_CA_CERTS would", () => {
    const e = engine({ protocol: 'https' });
    restoreExtraCa(e, { [EXTRA_CA_VARIABLE]: file });
    const ca = (e.modem as unknown as { ca: string[] }).ca;
    expect(ca).toHaveLength(rootCertificates.length + 1);
    expect(ca.at(-1)).toContain('extra');
  });

  it("leaves an engine's own CA alone (Node ignores the variable then too)", () => {
    const e = engine({ protocol: 'https', ca: 'own' });
    restoreExtraCa(e, { [EXTRA_CA_VARIABLE]: file });
    expect((e.modem as unknown as { ca: unknown }).ca).toBe('own');
  });

  it('does nothing without TLS or without the variable', () => {
    const plain = engine({ protocol: 'http' });
    restoreExtraCa(plain, { [EXTRA_CA_VARIABLE]: file });
    expect((plain.modem as unknown as { ca?: unknown }).ca).toBeUndefined();
    const tls = engine({ protocol: 'https' });
    restoreExtraCa(tls, {});
    expect((tls.modem as unknown as { ca?: unknown }).ca).toBeUndefined();
  });
});
