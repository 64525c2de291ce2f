'use client';
/** The day shown: a date input limited to the days with data, with previous/next day buttons. */
import { useId } from 'react';
import { dateSchema } from '@/lib/api/schemas';
import { addDays } from '@/lib/calendar';
import { formatDay } from '@/app/_lib/format';

export function DayPicker({
  date,
  firstDay,
  lastDay,
  onChange,
}: {
  date: string;
  firstDay: string | null;
  lastDay: string | null;
  onChange: (day: string) => void;
}) {
  const id = useId();
  const previous = addDays(date, -1);
  const next = addDays(date, 1);
  const canGoBack = firstDay !== null && previous >= firstDay;
  const canGoOn = lastDay !== null && next <= lastDay;
  return (
    <div className="field">
      <label htmlFor={id}>Day</label>
      <div className="field__row">
        <button type="button" className="icon-button" onClick={() => onChange(previous)} disabled={!canGoBack} aria-label="Previous day">
          ‹
        </button>
        <input
          id={id}
          type="date"
          value={date}
          min={firstDay ?? undefined}
          max={lastDay ?? undefined}
          required
          data-testid="date-input"
          onChange={(event) => {
            const day = event.target.value;
            if (dateSchema.safeParse(day).success) onChange(day);
          }}
        />
        <button type="button" className="icon-button" onClick={() => onChange(next)} disabled={!canGoOn} aria-label="Next day">
          ›
        </button>
      </div>
      {/* The date input shows the browser's own format: the day is also told in the page's. */}
      <p className="field__hint" data-testid="day-label">
        {formatDay(date)}
        {firstDay && lastDay && (
          <>
            <br />
            data from {formatDay(firstDay)} to {formatDay(lastDay)}
          </>
        )}
      </p>
    </div>
  );
}
