/**
 * A station's typical week: the mean of its hourly figures per local weekday and hour over the
 * last weeks. A weekday-hour seen fewer than MIN_CELL_OBSERVATIONS times takes the mean of that
 * hour over every day of the window instead (one Monday 8:00 is an anecdote, not a profile); an
 * hour never seen in the window has no value (null), and the forecast says so by falling back.
 */
import { observedBetween } from './series';
import { MIN_CELL_OBSERVATIONS, SECONDS_PER_WEEK } from './thresholds';
import type { HourObservation, LocalHourLabel, ProfileKind, ProfileValue } from './types';

export interface SeasonalProfile {
  kind: ProfileKind;
  weeks: number;
  /** The hours it was computed from: hourStart in [from, until). */
  from: number;
  until: number;
  /** Observed hours in the window; 0 means an empty profile. */
  observations: number;
  /** values[(weekday − 1) · 24 + hour], the fallback rule already applied. */
  values: readonly (ProfileValue | null)[];
}

export interface ProfileOptions {
  weeks: number;
  /** End (exclusive) of the window; the end of the history's last hour when omitted. */
  until?: number;
  /** 'hour-of-day' pools every weekday: the short profile of a young station. */
  kind?: ProfileKind;
}

interface Sums {
  count: number;
  bikes: number;
  full: number;
  empty: number;
}

const emptySums = (): Sums => ({ count: 0, bikes: 0, full: 0, empty: 0 });
const meanOf = (sums: Sums): ProfileValue => ({
  bikes: sums.bikes / sums.count,
  pFull: sums.full / sums.count,
  pEmpty: sums.empty / sums.count,
});
function addEntry(sums: Sums, entry: { meanBikes: number; fullShare: number; emptyShare: number }): void {
  sums.count++;
  sums.bikes += entry.meanBikes;
  sums.full += entry.fullShare;
  sums.empty += entry.emptyShare;
}
const cellIndex = (label: LocalHourLabel) => (label.weekday - 1) * 24 + label.hour;

export function seasonalProfile(history: readonly HourObservation[], options: ProfileOptions): SeasonalProfile {
  const kind = options.kind ?? 'weekday-hour';
  const last = history.length > 0 ? history[history.length - 1].hourStart + 1 : 0;
  const until = options.until ?? last;
  const from = until - options.weeks * SECONDS_PER_WEEK;
  const observed = observedBetween(history, from, until);
  const cells = Array.from({ length: 7 * 24 }, emptySums);
  const hours = Array.from({ length: 24 }, emptySums);
  // Fitted for every station at every fit (the backtest's too): no array per entry.
  for (const entry of observed) {
    addEntry(cells[cellIndex(entry)], entry);
    addEntry(hours[entry.hour], entry);
  }

  const values = cells.map((cell, index) => {
    const hourOfDay = hours[index % 24];
    if (kind === 'weekday-hour' && cell.count >= MIN_CELL_OBSERVATIONS) return meanOf(cell);
    return hourOfDay.count > 0 ? meanOf(hourOfDay) : null;
  });
  return { kind, weeks: options.weeks, from, until, observations: observed.length, values };
}

export function profileAt(profile: SeasonalProfile, label: LocalHourLabel): ProfileValue | null {
  return profile.values[cellIndex(label)];
}
