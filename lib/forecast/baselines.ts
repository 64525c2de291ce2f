/** The two baselines the model has to beat, answered in the model's own shape. */
import { decayForecast, persistenceArrays } from './decayForecast';
import { historyDaysBefore, originOf } from './forecastStation';
import { profileAt, seasonalProfile, type SeasonalProfile } from './seasonalProfile';
import { observedBetween } from './series';
import { PROFILE_WEEKS, SECONDS_PER_DAY } from './thresholds';
import type { LocalHour, StationForecast, StationHistory, StationNow } from './types';

/** Bikes (and the full and empty states) stay as they are now. */
export function persistenceForecast(station: StationHistory, now: StationNow, targets: readonly LocalHour[]): StationForecast {
  return persistenceFrom(historyDaysBefore(station, originOf(now, targets)), now, targets, station.capacity);
}

function persistenceFrom(historyDays: number, now: StationNow, targets: readonly LocalHour[], capacity: number): StationForecast {
  return { model: 'persistence', basis: { historyDays, profile: null, decay: null }, targets, ...persistenceArrays(now, targets, capacity) };
}

/** What the seasonal baseline stands on: the plain weekday × hour profile of the PROFILE_WEEKS before `until`. */
export interface SeasonalFit {
  historyDays: number;
  /** Null when nothing was observed in the window: the baseline is then persistence. */
  profile: SeasonalProfile | null;
}

export function fitSeasonal(station: StationHistory, until: number): SeasonalFit {
  const profile = seasonalProfile(station.hours, { weeks: PROFILE_WEEKS, until });
  return { historyDays: historyDaysBefore(station, until), profile: profile.observations === 0 ? null : profile };
}

export function applySeasonal(fit: SeasonalFit, now: StationNow, targets: readonly LocalHour[], capacity: number): StationForecast {
  if (fit.profile === null) return persistenceFrom(fit.historyDays, now, targets, capacity);
  const unused = { bikes: now.bikes, pFull: now.fullShare, pEmpty: now.emptyShare };
  return {
    model: 'seasonal',
    basis: { historyDays: fit.historyDays, profile: { kind: fit.profile.kind, weeks: fit.profile.weeks }, decay: null },
    targets,
    ...decayForecast(fit.profile, profileAt(fit.profile, now) ?? unused, 0, now, targets, capacity),
  };
}

/**
 * The weekday × hour profile of the last PROFILE_WEEKS alone, whatever the state now (phi = 0).
 * With nothing observed in the window it is persistence, and says so.
 */
export function seasonalForecast(station: StationHistory, now: StationNow, targets: readonly LocalHour[]): StationForecast {
  return applySeasonal(fitSeasonal(station, originOf(now, targets)), now, targets, station.capacity);
}

/** Days of history climatology looks back on. */
export const CLIMATOLOGY_DAYS = 28;

/** What climatology stands on: per local hour of the day, the station's mean bikes and shares of empty and full time. */
export interface ClimatologyFit {
  bikes: (number | null)[];
  pEmpty: (number | null)[];
  pFull: (number | null)[];
}

/**
 * The chances' baseline: the station's own share of empty (full) time over the CLIMATOLOGY_DAYS
 * before `until` at each hour of the day, whatever the state now; bikes alike.
 */
export function fitClimatology(station: StationHistory, until: number): ClimatologyFit {
  const sums = Array.from({ length: 24 }, () => ({ n: 0, bikes: 0, empty: 0, full: 0 }));
  for (const entry of observedBetween(station.hours, until - CLIMATOLOGY_DAYS * SECONDS_PER_DAY, until)) {
    const sum = sums[entry.hour];
    sum.n++;
    sum.bikes += entry.meanBikes;
    sum.empty += entry.emptyShare;
    sum.full += entry.fullShare;
  }
  const mean = (pick: (sum: (typeof sums)[number]) => number) => sums.map((sum) => (sum.n === 0 ? null : pick(sum) / sum.n));
  return { bikes: mean((s) => s.bikes), pEmpty: mean((s) => s.empty), pFull: mean((s) => s.full) };
}

/** An hour climatology has nothing for keeps the state now. */
export function applyClimatology(fit: ClimatologyFit, now: StationNow, targets: readonly LocalHour[], capacity: number): Pick<StationForecast, 'model' | 'bikes' | 'pEmpty' | 'pFull'> {
  const persistence = persistenceArrays(now, targets, capacity);
  return {
    model: 'seasonal',
    bikes: targets.map((t, k) => fit.bikes[t.hour] ?? persistence.bikes[k]),
    pEmpty: targets.map((t, k) => fit.pEmpty[t.hour] ?? persistence.pEmpty[k]),
    pFull: targets.map((t, k) => fit.pFull[t.hour] ?? persistence.pFull[k]),
  };
}
