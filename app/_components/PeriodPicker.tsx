'use client';
/**
 * Which days the map sums: the day, its week, its month or a custom range; all days, weekdays or
 * weekends of it; and a comparison with the period just before. The URL keeps it with the API's
 * names (start, end, weekdays, baseStart, baseEnd).
 */
import { useId, useState } from 'react';
import type { Period } from '@/lib/api/periodFields';
import { DAY_CHOICES, dayChoiceOf, periodOfSpan, previousPeriod, spanOf, type DayChoice, type Span } from '@/app/_lib/periods';
import { formatPeriod } from '@/app/_lib/format';

export interface PeriodChoice {
  period: Period | null;
  weekdays: number[] | null;
  base: Period | null;
}

interface PeriodPickerProps extends PeriodChoice {
  /** The day of the day picker: weeks and months are the ones around it. */
  date: string;
  onChange: (choice: PeriodChoice) => void;
}

const SPANS: Record<Span, string> = { day: 'Day', week: 'Week', month: 'Month', custom: 'Custom range' };

export function PeriodPicker({ date, period, weekdays, base, onChange }: PeriodPickerProps) {
  const spanId = useId();
  const daysId = useId();
  const compareId = useId();
  // A custom range may happen to be a week or a day: the picker stays on "Custom" once chosen.
  const [custom, setCustom] = useState(period !== null && spanOf(period) === 'custom');
  const span: Span = custom ? 'custom' : period ? spanOf(period) : 'day';
  const shown = period ?? { start: date, end: date };
  const choose = (next: Period, nextSpan: Span) =>
    onChange({ period: nextSpan === 'day' ? null : next, weekdays, base: base ? previousPeriod(next) : null });

  return (
    <fieldset className="field period-picker" data-testid="period-picker">
      <legend>Period</legend>
      <div className="field__row">
        <select
          id={spanId}
          aria-label="Period"
          value={span}
          data-testid="span-select"
          onChange={(event) => {
            const next = event.target.value as Span;
            setCustom(next === 'custom');
            choose(next === 'custom' ? shown : periodOfSpan(next, date), next);
          }}
        >
          {(Object.keys(SPANS) as Span[]).map((s) => (
            <option key={s} value={s}>
              {SPANS[s]}
            </option>
          ))}
        </select>
        <select
          id={daysId}
          aria-label="Days of the period"
          value={dayChoiceOf(weekdays)}
          data-testid="days-select"
          onChange={(event) => onChange({ period, weekdays: DAY_CHOICES[event.target.value as DayChoice].weekdays, base })}
        >
          {(Object.keys(DAY_CHOICES) as DayChoice[]).map((choice) => (
            <option key={choice} value={choice}>
              {DAY_CHOICES[choice].label}
            </option>
          ))}
        </select>
      </div>
      {span === 'custom' && (
        <div className="field__row">
          <input type="date" aria-label="First day" value={shown.start} max={shown.end} data-testid="period-start" onChange={(event) => event.target.value && choose({ start: event.target.value, end: shown.end }, 'custom')} />
          <span aria-hidden="true">–</span>
          <input type="date" aria-label="Last day" value={shown.end} min={shown.start} data-testid="period-end" onChange={(event) => event.target.value && choose({ start: shown.start, end: event.target.value }, 'custom')} />
        </div>
      )}
      {span !== 'day' && <p className="field__hint" data-testid="period-label">{formatPeriod(shown)}</p>}
      <div className="field field--inline">
        <input
          id={compareId}
          type="checkbox"
          checked={base !== null}
          data-testid="compare-toggle"
          onChange={(event) => onChange({ period, weekdays, base: event.target.checked ? previousPeriod(shown) : null })}
        />
        <label htmlFor={compareId}>Compare with the previous {span === 'custom' ? 'period' : span}</label>
      </div>
      {base && <p className="field__hint" data-testid="base-label">against {formatPeriod(base)}</p>}
    </fieldset>
  );
}
