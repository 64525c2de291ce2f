/** The two baselines the model has to beat, answered in the model's own shape. */
import { decayForecast, persistenceArrays } from './decayForecast';
import { historyDaysBefore, originOf } from './forecastStation';
import { profileAt, seasonalProfile } from './seasonalProfile';
import { PROFILE_WEEKS } from './thresholds';
import type { LocalHour, StationForecast, StationHistory, StationNow } from './types';

/** Bikes (and the full and empty states) stay as they are now. */
export function persistenceForecast(station: StationHistory, now: StationNow, targets: readonly LocalHour[]): StationForecast {
  return {
    model: 'persistence',
    basis: { historyDays: historyDaysBefore(station, originOf(now, targets)), profile: null, decay: null },
    targets,
    ...persistenceArrays(now, targets, station.capacity),
  };
}

/**
 * The weekday × hour profile of the last PROFILE_WEEKS alone, whatever the state now (phi = 0).
 * With nothing observed in the window it is persistence, and says so.
 */
export function seasonalForecast(station: StationHistory, now: StationNow, targets: readonly LocalHour[]): StationForecast {
  const origin = originOf(now, targets);
  const profile = seasonalProfile(station.hours, { weeks: PROFILE_WEEKS, until: origin });
  if (profile.observations === 0) return persistenceForecast(station, now, targets);
  const unused = { bikes: now.bikes, pFull: now.fullShare, pEmpty: now.emptyShare };
  return {
    model: 'seasonal',
    basis: { historyDays: historyDaysBefore(station, origin), profile: { kind: profile.kind, weeks: profile.weeks }, decay: null },
    targets,
    ...decayForecast(profile, profileAt(profile, now) ?? unused, 0, now, targets, station.capacity),
  };
}
