import { describe, expect, it } from 'vitest';
import { type ContextRow, formatContexts } from './contexts.js';

const rows: ContextRow[] = [
  {
    name: 'default',
    description: 'Current DOCKER_HOST based configuration',
    current: false,
    endpoint: { name: 'default', host: 'unix:///var/run/docker.sock', source: 'default' },
    engine: { name: 'Docker Engine', version: '20.10.24', apiVersion: '1.41' },
  },
  {
    name: 'podman',
    current: true,
    endpoint: { name: 'podman', host: 'unix:///run/podman.sock', source: 'context' },
    engine: { name: 'Podman', version: '4.3.1', apiVersion: '1.41' },
  },
  {
    name: 'far',
    current: false,
    endpoint: { name: 'far', host: 'tcp://10.0.0.9:2376', tls: { verify: false }, source: 'context' },
    error: { code: 'engine_unreachable', message: 'it does not answer (ECONNREFUSED)' },
  },
];

describe('formatContexts', () => {
  it('draws a table as docker context ls does: the current one starred, TLS said, why an engine does not answer', () => {
    const lines = formatContexts(rows, true).split('\n');
    expect(lines[0]).toMatch(/^NAME\s+DESCRIPTION\s+ENDPOINT\s+ENGINE$/);
    expect(lines[1]).toMatch(/^default\s+Current DOCKER_HOST based configuration\s+unix:\/\/\/var\/run\/docker\.sock\s+Docker Engine 20\.10\.24$/);
    expect(lines[2]).toMatch(/^podman \*\s+unix:\/\/\/run\/podman\.sock\s+Podman 4\.3\.1$/);
    expect(lines[3]).toMatch(/^far\s+tcp:\/\/10\.0\.0\.9:2376 \(TLS, not verified\)\s+unreachable: it does not answer \(ECONNREFUSED\)$/);
    // columns line up
    const at = (line: string | undefined) => line?.indexOf('unix://') ?? -1;
    expect(at(lines[1])).toBe(at(lines[2]));
  });

  it('has no ENGINE column without the check', () => {
    expect(formatContexts(rows, false).split('\n')[0]).toMatch(/^NAME\s+DESCRIPTION\s+ENDPOINT$/);
  });
});
