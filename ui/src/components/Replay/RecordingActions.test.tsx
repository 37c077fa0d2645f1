import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionState } from '@cdebug/contract';
import { fail, fakeApi, ok, session } from '../../test/fakeApi';
import { renderWithApi } from '../../test/render';
import { RecordingActions } from './RecordingActions';
import { recordingFileName } from './download';

// the player itself runs in a real browser (e2e); here its calls are what is checked
const players: Array<{
  src: unknown;
  opts: Record<string, unknown>;
  play: ReturnType<typeof vi.fn>;
  pause: ReturnType<typeof vi.fn>;
  seek: ReturnType<typeof vi.fn>;
  dispose: ReturnType<typeof vi.fn>;
  listeners: Map<string, () => void>;
  time: number;
}> = [];
vi.mock('asciinema-player', () => ({
  create: (src: unknown, _el: HTMLElement, opts: Record<string, unknown>) => {
    const listeners = new Map<string, () => void>();
    const p = {
      src,
      opts,
      listeners,
      time: 0,
      play: vi.fn(async () => listeners.get('play')?.()),
      pause: vi.fn(async () => listeners.get('pause')?.()),
      seek: vi.fn(async () => undefined),
      dispose: vi.fn(),
    };
    players.push(p);
    return {
      el: document.createElement('div'),
      play: p.play,
      pause: p.pause,
      seek: p.seek,
      dispose: p.dispose,
      getCurrentTime: () => p.time,
      getDuration: () => 12,
      addEventListener: (name: string, fn: () => void) => listeners.set(name, fn),
    };
  },
}));
vi.mock('asciinema-player/dist/bundle/asciinema-player.css', () => ({}));

const CAST = '{"version": 2, "width": 80, "height": 24, "timestamp": 0, "title": "web · busybox"}\n[0.5, "o", "hello"]\n';

beforeEach(() => {
  players.length = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

function show(state: SessionState, recording = vi.fn(async () => ok(CAST))) {
  const api = fakeApi({ recording });
  const s = session({ id: 'abc', state });
  renderWithApi(<RecordingActions session={s} state={state} />, api);
  return { api, recording };
}

describe('Download recording', () => {
  it('saves the recording as a .cast file named after the target and session', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:cast';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { recording } = show('running');
    await userEvent.click(screen.getByRole('button', { name: 'Download recording' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(recording).toHaveBeenCalledWith('abc');
    expect(clicked[0]?.download).toBe('cdebug-web-abc.cast');
    expect(clicked[0]?.href).toBe('blob:cast');
    expect(created[0]?.type).toBe('application/x-asciicast');
    expect(await created[0]?.text()).toBe(CAST);
    // no Replay while the session runs: the terminal is the live view
    expect(screen.queryByRole('button', { name: 'Replay' })).toBeNull();
  });

  it('says why when the recording cannot be had', async () => {
    show(
      'exited',
      vi.fn(async () => fail<string>('session_not_found', 'No session has the id "abc".')),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download recording' }));
    expect(await screen.findByText('No session has the id "abc".')).toBeInTheDocument();
  });

  it('names files with nothing a file system could trip on', () => {
    expect(recordingFileName('my/app:1', 'a b')).toBe('cdebug-my_app_1-a_b.cast');
  });
});

describe('Replay', () => {
  it('plays an ended session with play, pause, seek and speed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      show('exited');
      await userEvent.click(screen.getByRole('button', { name: 'Replay' }));
      const dialog = await screen.findByRole('dialog', { name: /Replay: web · busybox:latest/ });
      await waitFor(() => expect(players).toHaveLength(1));
      const first = players[0];
      expect(first?.src).toEqual({ data: CAST });
      expect(first?.opts).toMatchObject({ autoPlay: true, speed: 1, startAt: 0 });
      act(() => first?.listeners.get('playing')?.());
      await act(async () => {
        await vi.advanceTimersByTimeAsync(250);
      });
      expect(within(dialog).getByText('0:00 / 0:12')).toBeInTheDocument();

      await userEvent.click(within(dialog).getByRole('button', { name: 'Pause' }));
      expect(first?.pause).toHaveBeenCalled();
      await userEvent.click(within(dialog).getByRole('button', { name: 'Play' }));
      expect(first?.play).toHaveBeenCalled();

      // seek with the keyboard on the position slider
      const slider = within(dialog).getByRole('slider', { name: 'Position' });
      act(() => slider.focus());
      await userEvent.keyboard('{End}');
      expect(first?.seek).toHaveBeenLastCalledWith(12);

      // a new speed: a new player, at the same moment
      if (first) first.time = 5;
      await act(async () => {
        await vi.advanceTimersByTimeAsync(250);
      });
      await userEvent.click(within(dialog).getByRole('combobox', { name: 'Speed' }));
      await userEvent.click(await screen.findByRole('option', { name: '2×' }));
      await waitFor(() => expect(players).toHaveLength(2));
      expect(first?.dispose).toHaveBeenCalled();
      expect(players[1]?.opts).toMatchObject({ speed: 2, startAt: 5 });

      await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      expect(players[1]?.dispose).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
