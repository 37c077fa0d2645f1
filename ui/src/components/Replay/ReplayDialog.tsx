// The replay of an ended session, in the page: its recording fetched once, played with
// asciinema-player (loaded with this module, on first use), with play/pause, a seek bar and a
// speed. The player takes its speed only when it is made, so a new speed makes a new player
// at the same moment of the recording.

import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Slider,
  Typography,
} from '@mui/material';
import type { Session } from '@cdebug/contract';
import { useApi } from '../../api';
import { usePlayer } from './usePlayer';

export const SPEEDS = [0.5, 1, 2, 4] as const;

interface Props {
  session: Session;
  onClose: () => void;
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export default function ReplayDialog({ session, onClose }: Props) {
  const api = useApi();
  const [cast, setCast] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [speed, setSpeed] = useState<number>(1);
  const [mounted, setMounted] = useState<HTMLDivElement | null>(null);

  useEffect(() => {
    let live = true;
    void api.recording(session.id).then((answer) => {
      if (!live) return;
      if (answer.ok) setCast(answer.value);
      else setError(answer.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, session.id]);

  const player = usePlayer(cast, mounted, speed);

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="replay-title">
      <DialogTitle id="replay-title">
        Replay: {session.target.name} · {session.image}
      </DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        {!error && cast === null && <Typography color="text.secondary">Loading the recording…</Typography>}
        <Box ref={setMounted} aria-label="Replayed terminal" role="region" sx={{ minHeight: 200 }} />
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 2 }}>
          <Button variant="contained" size="small" onClick={() => void player.toggle()} disabled={!player.ready} sx={{ minWidth: 80 }}>
            {player.playing ? 'Pause' : 'Play'}
          </Button>
          <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {clock(player.time)} / {clock(player.duration)}
          </Typography>
          <Slider
            aria-label="Position"
            size="small"
            min={0}
            max={Math.max(player.duration, 0.001)}
            step={0.1}
            value={Math.min(player.time, player.duration)}
            disabled={!player.ready}
            onChange={(_e, value) => void player.seek(value as number)}
            sx={{ flex: 1 }}
          />
          <FormControl size="small" sx={{ minWidth: 100 }}>
            <InputLabel id="replay-speed">Speed</InputLabel>
            <Select labelId="replay-speed" label="Speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEEDS.map((s) => (
                <MenuItem key={s} value={s}>
                  {s}×
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
