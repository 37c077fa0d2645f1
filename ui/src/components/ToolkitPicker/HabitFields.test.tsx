// The Debug dialog's shell and privilege profile (issue 18): what they send, when they apply, what is remembered.

import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CreateSessionRequest, Result } from '@cdebug/contract';
import { container, fakeApi, ok } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { CHOICES_STORAGE_KEY } from './choices';
import DebugDialog from './DebugDialog';

function open() {
  const onStart = vi.fn(async (_r: CreateSessionRequest): Promise<Result<unknown>> => ok({}));
  const view = renderWithApi(<DebugDialog target={container({ name: 'web' })} onClose={vi.fn()} onStart={onStart} />, fakeApi());
  return { onStart, view };
}
const submit = () => screen.getByRole('button', { name: 'Start debugging' });

describe('DebugDialog: shell', () => {
  it('sends the chosen shell, says what it picks, and remembers it', async () => {
    const user = userEvent.setup();
    const { onStart, view } = open();
    await user.click(screen.getByRole('button', { name: 'Advanced options' }));
    const shell = screen.getByRole('combobox', { name: 'Shell' });
    expect(shell).toHaveValue('');
    expect(screen.getByRole('option', { name: 'default (sh)' })).toBeInTheDocument();
    await user.selectOptions(shell, 'auto');
    expect(screen.getByText(/login shell when the target has it/)).toBeInTheDocument();
    await user.click(submit());
    expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'busybox:latest', shell: 'auto' });
    expect(JSON.parse(localStorage.getItem(CHOICES_STORAGE_KEY) ?? '{}')).toMatchObject({ shell: 'auto' });

    view.unmount();
    open();
    expect(screen.getByRole('combobox', { name: 'Shell' })).toHaveValue('auto'); // folded open: an option is set
  });

  it('does not apply when a command is given: the field is disabled and nothing is sent', async () => {
    const user = userEvent.setup();
    const { onStart } = open();
    await user.click(screen.getByRole('button', { name: 'Advanced options' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Shell' }), 'bash');
    await user.type(screen.getByLabelText('Command'), 'id');
    expect(screen.getByRole('combobox', { name: 'Shell' })).toBeDisabled();
    expect(screen.getByText('A command runs instead of a shell.')).toBeInTheDocument();
    await user.click(submit());
    expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'busybox:latest', cmd: ['id'] });
  });
});

describe('DebugDialog: privileges', () => {
  it('offers the five profiles, general chosen, each with a line on what it grants, and sends the choice', async () => {
    const user = userEvent.setup();
    const { onStart } = open();
    await user.click(screen.getByRole('button', { name: 'Advanced options' }));
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['general', 'baseline', 'restricted', 'netadmin', 'sysadmin']);
    expect(screen.getByRole('radio', { name: /^general/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^netadmin/ })).toBeInTheDocument();
    expect(screen.getByText(/tcpdump, ping, iptables/)).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: /^restricted/ }));
    await user.click(submit());
    expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'busybox:latest', profile: 'restricted' });
    expect(JSON.parse(localStorage.getItem(CHOICES_STORAGE_KEY) ?? '{}')).toMatchObject({ profile: 'restricted' });
  });

  it('shows sysadmin, and sends only privileged, while the Privileged switch is on', async () => {
    const user = userEvent.setup();
    const { onStart } = open();
    await user.click(screen.getByRole('button', { name: 'Advanced options' }));
    await user.click(screen.getByRole('radio', { name: /^baseline/ }));
    await user.click(screen.getByRole('switch', { name: /Privileged/ }));
    expect(screen.getByRole('radio', { name: /^sysadmin/ })).toBeChecked();
    expect(screen.getByRole('radio', { name: /^baseline/ })).toBeDisabled();
    await user.click(submit());
    expect(onStart).toHaveBeenCalledWith({ target: 'web', image: 'busybox:latest', privileged: true });
  });
});
