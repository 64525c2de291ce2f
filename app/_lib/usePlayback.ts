'use client';
/**
 * The play button: steps a one-hour window through the day, moving on once the current hour's
 * hexagons have arrived and been shown for a moment; stops after the last hour. The page holds
 * `playing` (the colour scale of the whole day is loaded while it is on).
 */
import { useCallback, useEffect } from 'react';

const DWELL_MS = 1200;

interface Playback {
  playing: boolean;
  toggle: () => void;
  stop: () => void;
}

export function usePlayback({
  playing,
  setPlaying,
  from,
  to,
  ready,
  setWindow,
}: {
  playing: boolean;
  setPlaying: (playing: boolean) => void;
  from: number;
  to: number;
  /** The current window's data is on screen. */
  ready: boolean;
  setWindow: (from: number, to: number) => void;
}): Playback {
  const stop = useCallback(() => setPlaying(false), [setPlaying]);
  const toggle = useCallback(() => {
    if (playing) {
      setPlaying(false);
      return;
    }
    // Start from the window's first hour, or over from midnight at the end of the day.
    const start = to - from === 1 && from < 23 ? from : to - from === 1 ? 0 : from;
    setWindow(start, start + 1);
    setPlaying(true);
  }, [playing, setPlaying, from, to, setWindow]);

  useEffect(() => {
    if (!playing || !ready) return;
    const timer = window.setTimeout(() => {
      if (from >= 23) setPlaying(false);
      else setWindow(from + 1, from + 2);
    }, DWELL_MS);
    return () => window.clearTimeout(timer);
  }, [playing, setPlaying, ready, from, setWindow]);

  return { playing, toggle, stop };
}
