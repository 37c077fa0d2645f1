// The container list with stopped containers: the Running / All chips, each stopped row with how
// it ended and when, and Debug on every row.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContainerSummary } from '@cdebug/contract';
import type { ContainerScope } from '../../hooks/containerScope';
import { container, stoppedContainer } from '../../test/fakeApi';
import { ContainerList } from './ContainerList';

const NOW = Date.parse('2026-01-10T12:00:00Z');
const all: ContainerSummary[] = [
  container({ name: 'web', status: 'Up 5 minutes' }),
  stoppedContainer({ name: 'crashed', exitCode: 1, finishedAt: '2026-01-10T11:57:00Z' }),
  container({ name: 'fresh', state: 'created', status: 'Created' }),
];

function show(scope: ContainerScope, containers = all) {
  const onDebug = vi.fn();
  const onScope = vi.fn();
  render(<ContainerList containers={containers} error={null} loading={false} onDebug={onDebug} onRetry={vi.fn()} scope={scope} onScope={onScope} now={NOW} />);
  return { onDebug, onScope };
}

describe('ContainerList with stopped containers', () => {
  it('offers Running and All, with the current one pressed, and asks for the other on click', async () => {
    const user = userEvent.setup();
    const { onScope } = show('running', all.slice(0, 1));
    const chips = within(screen.getByRole('group', { name: 'Which containers to show' }));
    expect(chips.getByRole('button', { name: 'Running' })).toHaveAttribute('aria-pressed', 'true');
    expect(chips.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');
    await user.click(chips.getByRole('button', { name: 'All' }));
    expect(onScope).toHaveBeenCalledWith('all');
  });

  it('shows each stopped row with its exit code and how long ago it stopped', () => {
    show('all');
    expect(screen.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(screen.getByRole('row', { name: /crashed/ })).getByText('Exited (1) · 3 min ago')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /fresh/ })).getByText('Created · never started')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /web/ })).getByText('Up 5 minutes')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'All containers' })).toBeInTheDocument();
    expect(screen.getByText('3 containers')).toBeInTheDocument();
  });

  it('has Debug on every row, stopped ones included, and hands over the container', async () => {
    const user = userEvent.setup();
    const { onDebug } = show('all');
    for (const name of ['web', 'crashed', 'fresh']) expect(screen.getByRole('button', { name: `Debug ${name}` })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Debug crashed' }));
    expect(onDebug).toHaveBeenCalledWith(expect.objectContaining({ name: 'crashed', state: 'exited', exitCode: 1 }));
  });

  it('counts one container in the singular', () => {
    show('all', all.slice(1, 2));
    expect(screen.getByText('1 container')).toBeInTheDocument();
  });

  it('finds stopped containers by state with the filter', async () => {
    const user = userEvent.setup();
    show('all');
    await user.type(screen.getByLabelText('Filter containers'), 'exited');
    expect(screen.getByRole('row', { name: /crashed/ })).toBeInTheDocument();
    expect(screen.queryByRole('row', { name: /web/ })).not.toBeInTheDocument();
    expect(screen.getByText('1 of 3 containers')).toBeInTheDocument();
  });
});
