import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FLOW_ACK_EVERY, type Session } from '@cdebug/contract';
import type { CdebugApi } from '../../api';
import { container, fail, fakeApi, ok, session, type FakeApi, type FakeAttach } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import SessionView from './SessionView';

interface Shown {
  api: FakeApi;
  onRestart: ReturnType<typeof vi.fn>;
  onState: ReturnType<typeof vi.fn>;
  socket: () => FakeAttach;
}

async function show(s: Session = session(), overrides: Partial<CdebugApi> = {}): Promise<Shown> {
  const api = fakeApi(overrides);
  const onRestart = vi.fn(async () => undefined);
  const onState = vi.fn();
  renderWithApi(
    <SessionView
      session={s}
      container={container({ readOnly: true, pidMode: '', networkMode: 'none', networks: [] })}
      active
      onRestart={onRestart}
      onClose={vi.fn()}
      onState={onState}
    />,
    api,
  );
  await waitFor(() => expect(api.attaches.length).toBeGreaterThan(0));
  const socket = () => api.attaches[api.attaches.length - 1] as FakeAttach;
  act(() => socket().open());
  return { api, onRestart, onState, socket };
}

const rows = () => screen.getByTestId('terminal').querySelector('.xterm-rows')?.textContent ?? '';

describe('SessionView', () => {
  it('attaches, sends its size, and focuses the terminal', async () => {
    const { socket } = await show(session({ id: 'abc' }));
    const terminal = screen.getByTestId('terminal');
    expect(terminal).toHaveAttribute('data-session-id', 'abc');
    expect(socket().sessionId).toBe('abc');
    expect(socket().resizes).toEqual([{ cols: 80, rows: 24 }]);
    await waitFor(() => expect(terminal.contains(document.activeElement)).toBe(true));
  });

  it('writes the bytes as they come, without splitting characters across chunks', async () => {
    const { socket } = await show();
    const euro = new TextEncoder().encode('price: €5');
    act(() => {
      socket().data(euro.slice(0, 9)); // ends inside "€"
      socket().data(euro.slice(9));
    });
    await waitFor(() => expect(rows()).toContain('price: €5'));
  });

  it('restores the screen from the snapshot with nothing shown twice', async () => {
    const { socket } = await show();
    act(() => socket().data('/ # '));
    await waitFor(() => expect(rows()).toContain('/ #'));
    act(() => socket().frame({ type: 'snapshot', data: 'restored\r\n/ # ', cols: 80, rows: 24 }));
    await waitFor(() => expect(rows()).toContain('restored'));
    expect(rows().match(/\/ #/g)).toHaveLength(1);
  });

  it('sends keystrokes as binary input', async () => {
    const user = userEvent.setup();
    const { socket } = await show();
    await user.keyboard('ls{Enter}');
    const sent = new TextDecoder().decode(new Uint8Array(socket().sent.flatMap((chunk) => [...chunk])));
    expect(sent).toContain('ls\r');
  });

  it('acknowledges what the terminal has parsed, about every 64 KiB', async () => {
    const { socket } = await show();
    const chunk = new Uint8Array(16 * 1024).fill(0x61);
    act(() => {
      for (let i = 0; i < 5; i += 1) socket().data(chunk);
    });
    await waitFor(() => expect(socket().acks).toEqual([FLOW_ACK_EVERY]));
  });

  it('shows pull progress as a progress bar', async () => {
    const { socket } = await show(session({ state: 'pulling', image: 'nicolaka/netshoot:latest' }));
    act(() => socket().frame({ type: 'status', state: 'pulling', progress: { current: 50e6, total: 200e6, status: 'Downloading', layers: {} } }));
    const bar = screen.getByRole('progressbar', { name: 'Pulling nicolaka/netshoot:latest' });
    expect(bar).toHaveAttribute('aria-valuenow', '25');
    expect(screen.getByText(/50\.0 MB of 200\.0 MB/)).toBeInTheDocument();
    act(() => socket().frame({ type: 'status', state: 'running' }));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows the exit code and restarts the session on request', async () => {
    const user = userEvent.setup();
    const { socket, onRestart, onState, api } = await show();
    act(() => {
      socket().frame({ type: 'status', state: 'exited' });
      socket().frame({ type: 'exit', code: 3 });
      socket().drop(1000);
    });
    expect(screen.getByRole('status')).toHaveTextContent('Process exited with code 3');
    expect(onState).toHaveBeenLastCalledWith('exited', { exitCode: 3 });
    await user.click(screen.getByRole('button', { name: 'Restart session' }));
    expect(onRestart).toHaveBeenCalled();
    expect(api.session).not.toHaveBeenCalled(); // an ended session is not reconnected
  });

  it('shows a pull failure with what to do', async () => {
    const { socket } = await show(session({ state: 'pulling', image: 'example.invalid/nope:1' }));
    act(() => {
      socket().frame({ type: 'status', state: 'failed' });
      socket().frame({ type: 'error', code: 'image_pull_failed', message: 'pull access denied for example.invalid/nope' });
      socket().drop(1000);
    });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The toolkit image could not be pulled');
    expect(alert).toHaveTextContent('pull access denied for example.invalid/nope');
    expect(within(alert).getByRole('button', { name: 'Restart session' })).toBeInTheDocument();
  });

  it('says when the target stopped', async () => {
    const { socket } = await show();
    act(() => {
      socket().frame({ type: 'status', state: 'exited' });
      socket().frame({ type: 'error', code: 'target_stopped', message: 'The target container "web" stopped, so the session ended.' });
      socket().drop(1000);
    });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The target container "web" stopped');
    expect(alert).toHaveTextContent(/Start the container again, then restart the session/);
  });

  it('reconnects after a lost connection while the session lives, and stops once it is gone', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const live = session({ id: 'live' });
    const answers = [ok(live), fail<Session>('session_not_found')];
    const { api, socket } = await show(live, { session: vi.fn(async () => answers.shift() ?? fail<Session>('session_not_found')) });
    act(() => socket().drop(1006));
    expect(await screen.findByRole('status')).toHaveTextContent('reconnecting');
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(api.attaches).toHaveLength(2);
    expect(api.attaches[0]?.closed).toBe(false); // the dropped one was not closed twice
    act(() => socket().drop(1006));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('This session has ended'));
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(api.attaches).toHaveLength(2);
  });

  it('shows the target and session details next to the terminal', async () => {
    await show(session({ image: 'busybox:latest', user: '1000' }));
    const details = screen.getByRole('complementary', { name: 'Session details' });
    expect(details).toHaveTextContent('nginx:1.27');
    expect(details).toHaveTextContent('read-only');
    expect(details).toHaveTextContent('none (no network)');
    expect(details).toHaveTextContent('busybox:latest');
    expect(details).toHaveTextContent('1000');
  });

  it('opens the search box with Ctrl+Shift+F and closes it with Escape', async () => {
    const user = userEvent.setup();
    await show();
    await user.keyboard('{Control>}{Shift>}F{/Shift}{/Control}');
    const box = await screen.findByLabelText('Search terminal');
    expect(box).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('Search terminal')).not.toBeInTheDocument();
  });
});
