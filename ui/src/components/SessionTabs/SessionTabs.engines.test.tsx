import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { session } from '../../test/fakeApi';
import { CONTAINERS_TAB } from '../../hooks/sessionTabs';
import { SessionTabs } from './SessionTabs';

const tabs = [
  { session: session({ id: 'a', engine: 'local', target: { id: 'w1', name: 'web' } }), request: { target: 'web', engine: 'local' } },
  { session: session({ id: 'b', engine: 'ci', target: { id: 'w2', name: 'web' } }), request: { target: 'web', engine: 'ci' } },
];

describe('SessionTabs with several engines', () => {
  it('names the engine in each tab, so that the same target on two engines reads apart', () => {
    render(<SessionTabs tabs={tabs} selected={CONTAINERS_TAB} onSelect={vi.fn()} onClose={vi.fn()} showEngine />);
    expect(screen.getByRole('tab', { name: 'web@local · busybox:latest' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'web@ci · busybox:latest' })).toBeInTheDocument();
  });

  it('leaves the engine out with one engine', () => {
    render(<SessionTabs tabs={tabs.slice(0, 1)} selected={CONTAINERS_TAB} onSelect={vi.fn()} onClose={vi.fn()} />);
    expect(screen.getByRole('tab', { name: 'web · busybox:latest' })).toBeInTheDocument();
  });
});
