'use client';
/** History (the day and period views) or Forecast (the next 24 hours): two radio buttons. */
import { useId } from 'react';
import type { ViewMode } from '@/app/_lib/viewQuery';

const MODES: { mode: ViewMode; label: string }[] = [
  { mode: 'history', label: 'History' },
  { mode: 'forecast', label: 'Forecast' },
];

export function ModeSwitch({ mode, onMode }: { mode: ViewMode; onMode: (mode: ViewMode) => void }) {
  const name = useId();
  return (
    <fieldset className="field mode-switch" data-testid="mode-switch">
      <legend className="visually-hidden">Show</legend>
      <div className="mode-switch__options">
        {MODES.map((m) => (
          <label key={m.mode} className="mode-switch__option">
            <input type="radio" name={name} value={m.mode} checked={mode === m.mode} onChange={() => onMode(m.mode)} data-testid={`mode-${m.mode}`} />
            <span>{m.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
