/** The two baselines the model has to beat, answered in the model's own shape. */
import { decayForecast, persistenceArrays } from './decayForecast';
import { historyDaysBefore, originOf } from './forecastStation';
import { profileAt, seasonalProfile, type SeasonalProfile } from './seasonalProfile';
import { PROFILE_WEEKS } from './thresholds';
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
