'use client';
/**
 * Forecast mode's hour: a slider over the 24 whole local hours after the poll's, the hour it
 * stands for ("Mon 04:00–05:00") and how far that is from the poll ("starts 20 min after the
 * poll", for a poll at 03:40: the first hour is not an hour away), and play.
 */
import { useId } from 'react';
import { FIRST_HOUR, LAST_HOUR } from '@/app/_lib/forecastView';
import { PlayButton } from './PlayButton';

export function ForecastHour({
  hour,
  label,
  lead,
  issued,
  playing,
  onHour,
  onTogglePlay,
}: {
  hour: number;
  /** "Thu 14:00–15:00". */
  label: string;
  /** "starts 2 h 33 min after the poll"; null while no forecast is loaded. */
  lead: string | null;
  /** When the forecast was issued, in words; null while none is loaded. */
  issued: string | null;
  playing: boolean;
  onHour: (hour: number) => void;
  onTogglePlay: () => void;
}) {
  const sliderId = useId();
  return (
    <fieldset className="field forecast-hour">
      <legend>Hour ahead</legend>
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
      {issued && (
        <p className="field__hint" data-testid="forecast-hour-lead">
          {lead ? `${lead}, ${issued}` : `from the newest poll, ${issued}`}
        </p>
      )}
    </fieldset>
  );
}
