import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CdebugApi } from '../../api';
import { fail, fakeApi, ok, session } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { FileDownload } from './FileDownload';

afterEach(() => vi.restoreAllMocks());

function show(file: CdebugApi['file']) {
  const api = fakeApi({ file });
  renderWithApi(<FileDownload session={session({ id: 'abc' })} />, api);
  return api;
}

const bytes = (blob: Blob, fileName: string | null) => ok({ kind: 'bytes' as const, file: { blob, fileName } });

function captureSaves() {
  const created: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    created.push(blob as Blob);
    return 'blob:file';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  const clicked: HTMLAnchorElement[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
  return { created, clicked };
}

describe('Download a file of the target', () => {
  it('fetches the typed path through the api and saves it under the name the service gave', async () => {
    const { created, clicked } = captureSaves();
    const file = vi.fn(async () => bytes(new Blob(['hello']), 'srv.tar'));
    show(file);
    await userEvent.type(screen.getByLabelText('Path in the target'), '/srv');
    await userEvent.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(file).toHaveBeenCalledWith('abc', '/srv');
    expect(clicked[0]?.download).toBe('srv.tar');
    expect(await created[0]?.text()).toBe('hello');
  });

  it('takes the last part of the path when the service gave no name', async () => {
    const { clicked } = captureSaves();
    show(vi.fn(async () => bytes(new Blob(['x']), null)));
    await userEvent.type(screen.getByLabelText('Path in the target'), '/etc/hosts{Enter}');
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe('hosts');
  });

  it('offers no download for a relative path, and says why', async () => {
    const file = vi.fn(async () => bytes(new Blob([]), null));
    show(file);
    await userEvent.type(screen.getByLabelText('Path in the target'), 'etc/hosts');
    expect(screen.getByRole('button', { name: 'Download' })).toBeDisabled();
    expect(screen.getByText('An absolute path, starting with /')).toBeInTheDocument();
    expect(file).not.toHaveBeenCalled();
  });

  it("shows the service's coded error", async () => {
    show(vi.fn(async () => fail<never>('file_not_found', '/nope does not exist in the target: check the path.')));
    await userEvent.type(screen.getByLabelText('Path in the target'), '/nope');
    await userEvent.click(screen.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText('/nope does not exist in the target: check the path.')).toBeInTheDocument();
  });

  it("hands the service's one-time link to the host's browser where the page cannot save bytes (Docker Desktop), and says so", async () => {
    const { clicked } = captureSaves();
    const url = 'http://127.0.0.1:55001/downloads/0123456789abcdef0123456789abcdef';
    const api = show(vi.fn(async () => ok({ kind: 'link' as const, url })));
    await userEvent.type(screen.getByLabelText('Path in the target'), '/etc/hosts{Enter}');
    await waitFor(() => expect(api.openExternal).toHaveBeenCalledWith(url));
    expect(await screen.findByText(/\/etc\/hosts opens in your browser, which saves it/)).toBeInTheDocument();
    expect(clicked).toHaveLength(0);
  });
});
