// The container list with several engines: picker, Engine column, per-engine Debug buttons,
// and an engine that does not answer shown as such while the other's containers stay listed.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContainerSummary, EngineStatus } from '@cdebug/contract';
import { container, engineStatus } from '../../test/fakeApi';
import { ContainerList } from './ContainerList';

const containers = [
  container({ name: 'web', engine: 'local' }),
  container({ name: 'db', engine: 'local' }),
  // the same name on the other engine
  container({ name: 'web', engine: 'ci', image: 'nginx:ci' }),
];
const both = [engineStatus({ name: 'local', default: true }), engineStatus({ name: 'ci' })];

function show(engines: EngineStatus[], list: ContainerSummary[] | null = containers) {
  const onDebug = vi.fn();
  render(<ContainerList containers={list} error={null} loading={false} onDebug={onDebug} onRetry={vi.fn()} engines={engines} />);
  return { onDebug };
}

const picker = () => screen.getByRole('group', { name: 'Engine' });

describe('ContainerList with several engines', () => {
  it("names each container's engine and gives each Debug button the engine too", async () => {
    const user = userEvent.setup();
    const { onDebug } = show(both);
    expect(screen.getByRole('columnheader', { name: 'Engine' })).toBeInTheDocument();
    const onCi = screen.getByRole('row', { name: /nginx:ci/ });
    expect(within(onCi).getByText('ci')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Debug web on ci' }));
    expect(onDebug).toHaveBeenCalledWith(containers[2]);
    expect(screen.getByRole('button', { name: 'Debug web on local' })).toBeInTheDocument();
  });

  it('picks one engine or all, each entry counting its containers', async () => {
    const user = userEvent.setup();
    show(both);
    expect(within(picker()).getByRole('button', { name: /All engines\s*3/ })).toHaveAttribute('aria-pressed', 'true');
    expect(within(picker()).getByRole('button', { name: /local\s*2/ })).toBeInTheDocument();
    await user.click(within(picker()).getByRole('button', { name: /ci\s*1/ }));
    expect(screen.getAllByRole('row')).toHaveLength(2); // header + the one on ci
    expect(screen.getByRole('button', { name: 'Debug web on ci' })).toBeInTheDocument();
    await user.click(within(picker()).getByRole('button', { name: /All engines/ }));
    expect(screen.getAllByRole('row')).toHaveLength(4);
  });

  it('finds containers by engine name in the filter', async () => {
    const user = userEvent.setup();
    show(both);
    await user.type(screen.getByLabelText('Filter containers'), 'ci');
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });

  it('says which engine does not answer, keeps listing the other, and shows it in the picker', async () => {
    const user = userEvent.setup();
    const down = [both[0] as EngineStatus, engineStatus({ name: 'ci', reachable: false })];
    show(
      down,
      containers.filter((c) => c.engine === 'local'),
    );
    const alert = screen.getByRole('alert', { name: 'Engine ci does not answer' });
    expect(alert).toHaveTextContent('Engine “ci” does not answer (unix:///run/ci.sock)');
    expect(alert).toHaveTextContent('ECONNREFUSED');
    expect(screen.getAllByRole('row')).toHaveLength(3); // header + the two on local
    expect(within(picker()).getByRole('button', { name: /ci\s*unreachable/ })).toBeInTheDocument();
    // picking it shows why it lists nothing, not "no running containers"
    await user.click(within(picker()).getByRole('button', { name: /ci/ }));
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText('No running containers')).not.toBeInTheDocument();
    expect(screen.getByRole('alert', { name: 'Engine ci does not answer' })).toBeInTheDocument();
    await user.click(within(picker()).getByRole('button', { name: /local/ }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows no picker, column or engine in labels with one engine', () => {
    show([engineStatus({ name: 'default', default: true })], [container({ name: 'web', engine: 'default' })]);
    expect(screen.queryByRole('group', { name: 'Engine' })).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Engine' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Debug web' })).toBeInTheDocument();
  });
});
