// A running container as an engine's catalog describes it, for tests that need one in a list:
// every field the contract requires, plain values, and what the test cares about on top.

import type { ContainerDetails } from '../../src/contract/index.js';

export function runningContainer(fields: Partial<ContainerDetails> & Pick<ContainerDetails, 'name'>): ContainerDetails {
  return {
    id: `${fields.name}-id-0123456789abcdef`,
    image: 'distroless',
    state: 'running',
    status: 'Up',
    createdAt: '2026-01-01T00:00:00Z',
    command: '',
    user: 'root',
    readOnly: false,
    pidMode: 'private',
    networkMode: 'none',
    ports: [],
    networks: [],
    exitCode: null,
    finishedAt: '',
    ...fields,
  };
}
