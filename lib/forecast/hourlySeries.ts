/** A station's rollup rows as the forecast's input: one entry per local hour, gaps included. */
import type { HourlyFigures } from '@/lib/hotspots/types';
import type { LocalClock } from './clock';
import type { HourObservation, LocalHour } from './types';

type RollupFigures = Pick<HourlyFigures, 'hourStart' | 'observedS' | 'bikeS' | 'fullS' | 'emptyS'>;

export interface SeriesRange {
  /** Start of the first local hour; the first row's hour when omitted. */
  from?: number;
  /** End (exclusive); the end of the last row's hour when omitted. */
  until?: number;
  /**
   * The local hours of [from, until), when the caller has them (`localHoursBetween`): stations of
   * one system share them, so the clock is not asked again for every station.
   */
  hours?: readonly LocalHour[];
}

/** Every local hour starting in [from, until), labelled. */
export function localHoursBetween(clock: LocalClock, from: number, until: number): LocalHour[] {
  const hours: LocalHour[] = [];
  for (let hourStart = from; hourStart < until; hourStart = clock.nextHourStart(hourStart)) hours.push({ hourStart, ...clock.localHourOf(hourStart) });
  return hours;
}

/**
 * One station's rows (any cells: a station that moved mid-hour has a row in each, and their
 * integrals add up to the hour's) into hourly observations from `from` to `until`, every local
 * hour present, null where nothing was observed. A row that does not start a local hour of the
 * clock is an error: it would be silently dropped otherwise.
 */
export function hourlySeries(rows: readonly RollupFigures[], clock: LocalClock, range: SeriesRange = {}): HourObservation[] {
  const byHour = new Map<number, { observedS: number; bikeS: number; fullS: number; emptyS: number }>();
  for (const row of rows) {
    const sum = byHour.get(row.hourStart) ?? { observedS: 0, bikeS: 0, fullS: 0, emptyS: 0 };
    sum.observedS += row.observedS;
    sum.bikeS += row.bikeS;
    sum.fullS += row.fullS;
    sum.emptyS += row.emptyS;
    byHour.set(row.hourStart, sum);
  }
  if (byHour.size === 0 && (range.from === undefined || range.until === undefined)) return [];
  const starts = [...byHour.keys()];
  const from = range.from ?? Math.min(...starts);
  const until = range.until ?? clock.nextHourStart(Math.max(...starts));

  const hours = range.hours ?? localHoursBetween(clock, from, until);
  const series: HourObservation[] = [];
  let used = 0;
  for (const { hourStart, weekday, hour } of hours) {
    const sum = byHour.get(hourStart);
    if (sum === undefined || sum.observedS <= 0) {
      if (sum !== undefined) used++;
      series.push({ hourStart, weekday, hour, meanBikes: null, fullShare: null, emptyShare: null });
      continue;
    }
    used++;
    series.push({
      hourStart,
      weekday,
      hour,
      meanBikes: sum.bikeS / sum.observedS,
      fullShare: sum.fullS / sum.observedS,
      emptyShare: sum.emptyS / sum.observedS,
    });
  }
  const inRange = starts.filter((start) => start >= from && start < until).length;
  if (used !== inRange) throw new RangeError(`${inRange - used} row(s) do not start a local hour of the clock`);
  return series;
}
