// An asciinema-player over a recording's text, in a container element: made (and made again at
// the same moment when the speed changes), followed (time, duration, playing) and disposed with
// the component. The library is imported here, so it lands in the lazy chunk of ReplayDialog.

import { useCallback, useEffect, useRef, useState } from 'react';
import * as AsciinemaPlayer from 'asciinema-player';
import 'asciinema-player/dist/bundle/asciinema-player.css';

type Player = ReturnType<typeof AsciinemaPlayer.create>;

export interface PlayerState {
  ready: boolean;
  playing: boolean;
  time: number;
  duration: number;
  toggle: () => Promise<void>;
  seek: (seconds: number) => Promise<void>;
}

/** how often the position is read while the player exists */
const TICK_MS = 200;

export function usePlayer(cast: string | null, element: HTMLElement | null, speed: number): PlayerState {
  const player = useRef<Player | null>(null);
  const position = useRef(0);
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);

  useEffect(() => {
    if (cast === null || element === null) return;
    // a recording it cannot read is reported by the player itself, in its own area
    const made: Player = AsciinemaPlayer.create({ data: cast }, element, {
      autoPlay: true,
      speed,
      startAt: position.current,
      controls: false,
      fit: 'width',
      // long idle stretches (a shell waiting for its user) are shortened to 2 s
      idleTimeLimit: 2,
    });
    player.current = made;
    made.addEventListener('play', () => setPlaying(true));
    made.addEventListener('playing', () => setPlaying(true));
    made.addEventListener('pause', () => setPlaying(false));
    made.addEventListener('ended', () => setPlaying(false));
    const tick = setInterval(() => {
      const d = made.getDuration();
      if (d !== undefined) {
        setDuration(d);
        setReady(true);
      }
      position.current = made.getCurrentTime();
      setTime(position.current);
    }, TICK_MS);
    return () => {
      clearInterval(tick);
      player.current = null;
      made.dispose();
      setReady(false);
      setPlaying(false);
    };
  }, [cast, element, speed]);

  const toggle = useCallback(async () => {
    const p = player.current;
    if (!p) return;
    if (playing) await p.pause();
    else await p.play();
  }, [playing]);

  const seek = useCallback(async (seconds: number) => {
    const p = player.current;
    if (!p) return;
    position.current = seconds;
    setTime(seconds);
    await p.seek(seconds);
  }, []);

  return { ready, playing, time, duration, toggle, seek };
}
