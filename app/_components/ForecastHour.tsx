'use client';
/** Forecast mode's hour: a slider from +1 h to +24 h, the local hour it stands for, and play. */
import { useId } from 'react';
import { FIRST_HOUR, LAST_HOUR } from '@/app/_lib/forecastView';
import { PlayButton } from './PlayButton';

export function ForecastHour({
  hour,
  label,
  issued,
  playing,
  onHour,
  onTogglePlay,
}: {
  hour: number;
  /** "+3 h · Thu 14:00". */
  label: string;
  /** When the forecast was issued, in words; null while none is loaded. */
  issued: string | null;
  playing: boolean;
  onHour: (hour: number) => void;
  onTogglePlay: () => void;
}) {
  const sliderId = useId();
  return (
    <fieldset className="field forecast-hour">
      <legend>Hours ahead</legend>
      <div className="field__row">
        <label htmlFor={sliderId} className="visually-hidden">
          Hours after the newest poll
        </label>
        <input
          id={sliderId}
          type="range"
          className="forecast-hour__slider"
          min={FIRST_HOUR}
          max={LAST_HOUR}
          step={1}
          value={hour}
          aria-valuetext={label}
          data-testid="forecast-hour"
          onChange={(event) => onHour(Number(event.target.value))}
        />
        <PlayButton playing={playing} onToggle={onTogglePlay} labels={{ play: 'Play the next 24 hours, one a second', pause: 'Pause the forecast playback' }} testId="forecast-play" />
      </div>
      <p className="forecast-hour__label" data-testid="forecast-hour-label" aria-live="polite">
        {label}
      </p>
      {issued && <p className="field__hint">from the newest poll, {issued}</p>}
    </fieldset>
  );
}
