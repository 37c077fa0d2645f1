// The details panel's profile hint: the line it shows after a refused command, and the button
// that opens the Debug dialog for the same target with that profile chosen.
import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ProfileHint } from '@cdebug/contract';
import { fakeApi, session } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { SessionInfo } from './SessionInfo';
import { hintSentence } from './ProfileHintLine';

const tcpdump: ProfileHint = {
  profile: 'netadmin',
  capability: 'NET_RAW',
  command: 'tcpdump',
  message: 'tcpdump: socket: Operation not permitted',
};

describe('the profile hint in the session details', () => {
  it('says which command was refused and which profile allows it; the button asks for that profile', async () => {
    const user = userEvent.setup();
    const onDebugWith = vi.fn();
    renderWithApi(
      <SessionInfo session={session({ profile: 'general', hint: tcpdump })} container={null} state="running" onDebugWith={onDebugWith} />,
      fakeApi(),
    );
    const hint = screen.getByRole('status', { name: 'Profile hint' });
    expect(hint).toHaveTextContent('tcpdump was refused (Operation not permitted): debug again with the netadmin profile');
    expect(hint).toHaveTextContent('tcpdump: socket: Operation not permitted · needs NET_RAW');
    await user.click(within(hint).getByRole('button', { name: 'Debug with netadmin' }));
    expect(onDebugWith).toHaveBeenCalledWith('netadmin');
  });

  it('shows no hint line when there is none, and the profile the session runs with', () => {
    renderWithApi(<SessionInfo session={session({ profile: 'netadmin', hint: null })} container={null} state="running" onDebugWith={vi.fn()} />, fakeApi());
    expect(screen.queryByRole('status', { name: 'Profile hint' })).not.toBeInTheDocument();
    expect(screen.getByText('Privileges').nextSibling).toHaveTextContent('netadmin');
  });

  it('has no button when the target is not at hand, and still says what to do', () => {
    renderWithApi(<SessionInfo session={session({ hint: tcpdump })} container={null} state="exited" />, fakeApi());
    const hint = screen.getByRole('status', { name: 'Profile hint' });
    expect(hint).toHaveTextContent('debug again with the netadmin profile');
    expect(within(hint).queryByRole('button')).not.toBeInTheDocument();
  });

  it("words a refusal that is not EPERM's in the program's own words", () => {
    expect(hintSentence({ profile: 'sysadmin', capability: 'SYS_ADMIN', command: 'mount', message: 'mount: permission denied (are you root?)' })).toBe(
      'mount was refused (permission denied (are you root?)): debug again with the sysadmin profile',
    );
  });
});
