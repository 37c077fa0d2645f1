import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContainerSummary, ErrorInfo } from '@cdebug/contract';
import { container } from '../../test/fakeApi';
import { ContainerList } from './ContainerList';

const containers = [
  container({ name: 'web', image: 'nginx:1.27', status: 'Up 5 minutes', ports: ['127.0.0.1:8080->80/tcp'] }),
  container({ name: 'db', image: 'postgres:16', status: 'Up 2 hours', networks: ['backend'] }),
  container({ name: 'distroless-app', image: 'gcr.io/distroless/static', networks: [] }),
];

function show(props: { containers?: ContainerSummary[] | null; error?: ErrorInfo | null; loading?: boolean } = {}) {
  const onDebug = vi.fn();
  const onRetry = vi.fn();
  render(<ContainerList containers={containers} error={null} loading={false} onDebug={onDebug} onRetry={onRetry} {...props} />);
  return { onDebug, onRetry };
}

describe('ContainerList', () => {
  it('shows one row per container with its image, status and wiring', () => {
    show();
    const web = screen.getByRole('row', { name: /web/ });
    expect(within(web).getByText('nginx:1.27')).toBeInTheDocument();
    expect(within(web).getByText('Up 5 minutes')).toBeInTheDocument();
    expect(within(web).getByText('127.0.0.1:8080->80/tcp')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /db/ })).getByText('net: backend')).toBeInTheDocument();
    expect(screen.getByText('3 running')).toBeInTheDocument();
  });

  it('shows an untagged image as its short id, like docker ps, with the full id in a tooltip', async () => {
    const user = userEvent.setup();
    const id = `sha256:${'0123456789abcdef'.repeat(4)}`;
    show({ containers: [container({ name: 'orphan', image: id })] });
    const row = screen.getByRole('row', { name: /orphan/ });
    expect(row).not.toHaveTextContent(id);
    const short = within(row).getByText('0123456789ab');
    await user.hover(short);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(id);
  });

  it('filters as the user types and says how many match', async () => {
    const user = userEvent.setup();
    show();
    await user.type(screen.getByLabelText('Filter containers'), 'POSTGRES');
    expect(screen.queryByRole('row', { name: /web/ })).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /db/ })).toBeInTheDocument();
    expect(screen.getByText('1 of 3 running')).toBeInTheDocument();
  });

  it('says when nothing matches and clears the filter on request', async () => {
    const user = userEvent.setup();
    show();
    await user.type(screen.getByLabelText('Filter containers'), 'redis');
    expect(screen.getByText(/No running container matches “redis”/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filter' }));
    expect(screen.getByLabelText('Filter containers')).toHaveValue('');
    expect(screen.getAllByRole('row')).toHaveLength(4); // header + 3
  });

  it('gives each container a labelled Debug button', async () => {
    const user = userEvent.setup();
    const { onDebug } = show();
    await user.click(screen.getByRole('button', { name: 'Debug distroless-app' }));
    expect(onDebug).toHaveBeenCalledWith(containers[2]);
  });

  it('tells how to start a container when none runs', () => {
    show({ containers: [] });
    expect(screen.getByText('No running containers')).toBeInTheDocument();
    expect(screen.getByText('docker run -d --name web nginx')).toBeInTheDocument();
  });

  it('says what to do when the engine does not answer, and retries on request', async () => {
    const user = userEvent.setup();
    const { onRetry } = show({ containers: null, error: { code: 'engine_unreachable', message: 'Cannot connect to /var/run/docker.sock.' } });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The container engine does not answer');
    expect(alert).toHaveTextContent('Cannot connect to /var/run/docker.sock.');
    expect(alert).toHaveTextContent(/keeps trying/);
    await user.click(within(alert).getByRole('button', { name: 'Retry now' }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('shows progress before the first answer', () => {
    show({ containers: null, loading: true });
    expect(screen.getByRole('progressbar', { name: 'Loading containers' })).toBeInTheDocument();
  });
});
