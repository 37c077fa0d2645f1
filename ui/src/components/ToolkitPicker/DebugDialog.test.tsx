import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateSessionRequest, Result } from '@cdebug/contract';
import { container, fail, fakeApi, ok } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { CHOICES_STORAGE_KEY } from './choices';
import DebugDialog from './DebugDialog';

const web = container({ name: 'web' });

function open(onStart = vi.fn(async (_r: CreateSessionRequest): Promise<Result<unknown>> => ok({}))) {
  const api = fakeApi();
  const onClose = vi.fn();
  const view = renderWithApi(<DebugDialog target={web} onClose={onClose} onStart={onStart} />, api);
  return { api, onStart, onClose, view };
}

const imageField = () => screen.getByRole('combobox', { name: 'Toolkit image' });
const submit = () => screen.getByRole('button', { name: 'Start debugging' });

describe('DebugDialog', () => {
  it('offers busybox by default and starts a session with it', async () => {
    const user = userEvent.setup();
    const { onStart } = open();
    expect(screen.getByRole('dialog', { name: /Debug web/ })).toBeInTheDocument();
    expect(imageField()).toHaveValue('busybox:latest');
    await user.click(submit());
    expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'busybox:latest' });
  });

  it('lists presets with descriptions and marks images already on the engine', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const listbox = await screen.findByRole('listbox');
    const busybox = within(listbox).getByRole('option', { name: /BusyBox/ });
    expect(busybox).toHaveTextContent('Small, always works');
    expect(busybox).toHaveTextContent('Local, no download');
    const netshoot = within(listbox).getByRole('option', { name: /netshoot/ });
    expect(netshoot).not.toHaveTextContent('Local');
    expect(within(listbox).getByText('Presets')).toBeInTheDocument();
    expect(within(listbox).getByText('Already on this engine')).toBeInTheDocument();
    expect(within(listbox).getByRole('option', { name: /registry.local\/tools:1/ })).toHaveTextContent('Local, no download');
    await user.click(netshoot);
    expect(imageField()).toHaveValue('nicolaka/netshoot:latest');
  });

  it('composes a nixery.dev image from chosen packages', async () => {
    const user = userEvent.setup();
    const { onStart } = open();
    await user.click(screen.getByRole('button', { name: 'Compose an image from Nixery packages' }));
    expect(imageField()).toHaveValue('nixery.dev/shell');
    const packages = screen.getByRole('combobox', { name: 'Nixery packages' });
    await user.type(packages, 'htop{Enter}');
    await user.type(packages, 'strace{Enter}');
    expect(imageField()).toHaveValue('nixery.dev/shell/htop/strace');
    await user.click(screen.getByRole('button', { name: 'Start debugging' }));
    expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'nixery.dev/shell/htop/strace' });
  });

  it('shows the packages of a Nixery preset and lets one be removed', async () => {
    const user = userEvent.setup();
    open();
    await user.clear(imageField());
    await user.type(imageField(), 'nixery.dev/shell/htop/strace');
    const chip = screen.getByRole('button', { name: 'htop' });
    await user.click(within(chip).getByTestId('CancelIcon'));
    expect(imageField()).toHaveValue('nixery.dev/shell/strace');
  });

  it('checks a free-form image as it is typed and refuses to start with a bad one', async () => {
    const user = userEvent.setup();
    const { onStart } = open();
    await user.clear(imageField());
    await user.type(imageField(), 'My Image');
    expect(screen.getByText(/is not a valid image reference: it contains white space/)).toBeInTheDocument();
    expect(submit()).toBeDisabled();
    await user.clear(imageField());
    await user.type(imageField(), 'ghcr.io/acme/tools:1.2');
    expect(screen.queryByText(/not a valid image reference/)).not.toBeInTheDocument();
    expect(submit()).toBeEnabled();
    await user.type(imageField(), '{Enter}');
    await waitFor(() => expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'ghcr.io/acme/tools:1.2' }));
  });

  it('sends the advanced options and remembers every choice', async () => {
    const user = userEvent.setup();
    const { onStart, view } = open();
    await user.click(screen.getByRole('button', { name: 'Advanced options' }));
    await user.type(screen.getByLabelText('User'), '1000:1000');
    await user.type(screen.getByLabelText('Command'), `sh -c 'echo "$HOME"'`);
    await user.click(screen.getByRole('switch', { name: /Privileged/ }));
    await user.click(submit());
    expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'busybox:latest', user: '1000:1000', cmd: ['sh', '-c', 'echo "$HOME"'], privileged: true });
    expect(JSON.parse(localStorage.getItem(CHOICES_STORAGE_KEY) ?? '{}')).toMatchObject({ user: '1000:1000', privileged: true });

    view.unmount();
    open();
    expect(screen.getByLabelText('User')).toHaveValue('1000:1000'); // folded open because an option is set
    expect(screen.getByLabelText('Command')).toHaveValue(`sh -c 'echo "$HOME"'`);
  });

  it('refuses a command with an unclosed quote', async () => {
    const user = userEvent.setup();
    open();
    await user.click(screen.getByRole('button', { name: 'Advanced options' }));
    await user.type(screen.getByLabelText('Command'), `sh -c 'oops`);
    expect(screen.getByText('A single quote is not closed.')).toBeInTheDocument();
    expect(submit()).toBeDisabled();
  });

  it('shows why the service refused, with what to do', async () => {
    const user = userEvent.setup();
    open(vi.fn(async () => fail('target_not_running', 'Container "web" is exited, not running: start it first (`docker start web`).')));
    await user.click(submit());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The target container is not running');
    expect(alert).toHaveTextContent('start it first (`docker start web`)');
    expect(screen.getByRole('dialog')).toBeInTheDocument(); // still open, to try again
  });
});
