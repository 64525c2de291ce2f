'use client';
/** The hours of the day shown (from, to) and the play button that steps through them. */
import { useId } from 'react';
import { hourLabel } from '@/app/_lib/format';
import { PlayButton } from './PlayButton';

const HOURS = Array.from({ length: 25 }, (_, h) => h);

export function HourWindow({
  from,
  to,
  playing,
  onChange,
  onTogglePlay,
}: {
  from: number;
  to: number;
  playing: boolean;
  onChange: (from: number, to: number) => void;
  onTogglePlay: () => void;
}) {
  const fromId = useId();
  const toId = useId();
  return (
    <fieldset className="field hour-window">
      <legend>Hours (local time)</legend>
      <div className="field__row">
        <label htmlFor={fromId} className="visually-hidden">
          From
        </label>
        <select
          id={fromId}
          value={from}
          data-testid="from-select"
          onChange={(event) => {
            const nextFrom = Number(event.target.value);
            onChange(nextFrom, Math.max(to, nextFrom + 1));
          }}
        >
          {HOURS.slice(0, 24).map((h) => (
            <option key={h} value={h}>
              {hourLabel(h)}
            </option>
          ))}
        </select>
        <span aria-hidden="true">–</span>
        <label htmlFor={toId} className="visually-hidden">
          To
        </label>
        <select id={toId} value={to} data-testid="to-select" onChange={(event) => onChange(from, Number(event.target.value))}>
          {HOURS.slice(from + 1).map((h) => (
            <option key={h} value={h}>
              {hourLabel(h)}
            </option>
          ))}
        </select>
        <PlayButton playing={playing} onToggle={onTogglePlay} labels={{ play: 'Play the day hour by hour', pause: 'Pause hour-by-hour playback' }} testId="play-button" />
      </div>
      <button type="button" className="link-button" onClick={() => onChange(0, 24)} disabled={from === 0 && to === 24}>
        Whole day
      </button>
    </fieldset>
  );
}
