// The details panel of a session in a copy of a stopped container (what it is a copy of, and the
// original's last log lines) and of one made from an image.
import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContainerLogs } from '@cdebug/contract';
import { fail, fakeApi, ok, session } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { SessionInfo } from './SessionInfo';

const copy = session({ mode: 'copy', target: { id: 'crashed-id', name: 'crashed' }, copy: { id: 'k1', name: 'crashed-cdebug-copy' }, engine: 'ci' });

describe('SessionInfo for a copy', () => {
  it("says it is a copy and shows the original's last log lines, read on its engine", async () => {
    const api = fakeApi({ containerLogs: vi.fn(async () => ok<ContainerLogs>({ lines: ['starting', 'fatal: no config file'] })) });
    renderWithApi(<SessionInfo session={copy} container={null} state="running" />, api);
    expect(screen.getByRole('heading', { name: 'Copy of crashed' })).toBeInTheDocument();
    expect(screen.getByText(/crashed is not running: this shell runs in a copy of it \(crashed-cdebug-copy\)/)).toBeInTheDocument();
    const logs = await screen.findByRole('region', { name: 'Last log lines of crashed' });
    expect(await within(logs).findByText(/fatal: no config file/)).toBeInTheDocument();
    expect(api.containerLogs).toHaveBeenCalledWith('crashed-id', 'ci');
  });

  it('says when the original wrote nothing, and offers to read again when the log cannot be read', async () => {
    const user = userEvent.setup();
    const empty = fakeApi();
    const { unmount } = renderWithApi(<SessionInfo session={copy} container={null} state="running" />, empty);
    expect(await screen.findByText('It wrote nothing to its log.')).toBeInTheDocument();
    unmount();
    const failing = fakeApi({ containerLogs: vi.fn(async () => fail<ContainerLogs>('target_not_found', 'No container named "crashed".')) });
    renderWithApi(<SessionInfo session={copy} container={null} state="running" />, failing);
    expect(await screen.findByText(/The log could not be read: No container named "crashed"/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(failing.containerLogs).toHaveBeenCalledTimes(2);
  });
});

describe('SessionInfo for an image and for a running target', () => {
  it('names the image and reads no log', () => {
    const api = fakeApi();
    renderWithApi(<SessionInfo session={session({ mode: 'image', target: { id: 'sha256:abc', name: 'app:1.0' } })} container={null} state="running" />, api);
    expect(screen.getByRole('heading', { name: 'Image app:1.0' })).toBeInTheDocument();
    expect(screen.getByText(/runs in a new container made from the image/)).toBeInTheDocument();
    expect(api.containerLogs).not.toHaveBeenCalled();
  });

  it('keeps "Target <name>" for a live session', () => {
    const api = fakeApi();
    renderWithApi(<SessionInfo session={session()} container={null} state="running" />, api);
    expect(screen.getByRole('heading', { name: 'Target web' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Last log lines/ })).not.toBeInTheDocument();
    expect(api.containerLogs).not.toHaveBeenCalled();
  });
});
