import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CONTAINERS_TAB, type SessionTab } from '../../hooks/sessionTabs';
import { session } from '../../test/fakeApi';
import { SessionTabs } from './SessionTabs';

const tabs: SessionTab[] = [
  { session: session({ id: 'a', target: { id: 't1', name: 'web' }, image: 'busybox:latest' }), request: { target: 'web' } },
  { session: session({ id: 'b', target: { id: 't2', name: 'db' }, image: 'nixery.dev/shell/htop', state: 'exited' }), request: { target: 'db' } },
];

function show(selected = CONTAINERS_TAB) {
  const onSelect = vi.fn();
  const onClose = vi.fn();
  render(<SessionTabs tabs={tabs} selected={selected} onSelect={onSelect} onClose={onClose} />);
  return { onSelect, onClose };
}

describe('SessionTabs', () => {
  it('names each session tab "<target> · <toolkit>" after the container and image list tabs', () => {
    show('a');
    const names = within(screen.getByRole('tablist'))
      .getAllByRole('tab')
      .map((tab) => tab.textContent);
    expect(names).toEqual(['Containers', 'Images', 'web · busybox:latest', 'db · nixery.dev/shell/htop']);
    expect(screen.getByRole('tab', { name: 'web · busybox:latest' })).toHaveAttribute('aria-selected', 'true');
  });

  it('selects a tab by click', async () => {
    const user = userEvent.setup();
    const { onSelect } = show();
    await user.click(screen.getByRole('tab', { name: 'db · nixery.dev/shell/htop' }));
    expect(onSelect).toHaveBeenCalledWith('b');
  });

  it('closes a tab with its × without selecting it, or with the Delete key', async () => {
    const user = userEvent.setup();
    const { onSelect, onClose } = show();
    const web = screen.getByRole('tab', { name: 'web · busybox:latest' });
    await user.click(within(web).getByTestId('CloseIcon'));
    expect(onClose).toHaveBeenCalledWith('a');
    expect(onSelect).not.toHaveBeenCalled();
    screen.getByRole('tab', { name: 'db · nixery.dev/shell/htop' }).focus();
    await user.keyboard('{Delete}');
    expect(onClose).toHaveBeenLastCalledWith('b');
  });
});
