/**
 * The forecast of one station from its history, with the fallbacks a young station needs:
 *
 *   history (first observed hour → origin) < PERSISTENCE_BELOW_DAYS    persistence
 *                                          < SHORT_PROFILE_BELOW_DAYS  short-profile: hour-of-day
 *                                                                      profile of the last
 *                                                                      SHORT_PROFILE_WEEKS + decay
 *                                          otherwise                   seasonal+decay: weekday × hour
 *                                                                      profile of the last
 *                                                                      PROFILE_WEEKS + decay
 *
 * and persistence too when the profile has nothing to say about the origin's own hour (nothing
 * observed at that hour of day in the window). The answer names the model and what it stood on.
 * Only hours before the origin (the first target's start) are read.
 */
import { fitDecay, type DecayPrior } from './decay';
import { decayForecast, persistenceArrays } from './decayForecast';
import { profileAt, seasonalProfile } from './seasonalProfile';
import { firstObservedAt } from './series';
import {
  PERSISTENCE_BELOW_DAYS,
  PROFILE_WEEKS,
  SECONDS_PER_DAY,
  SHORT_PROFILE_BELOW_DAYS,
  SHORT_PROFILE_WEEKS,
} from './thresholds';
import type { LocalHour, StationForecast, StationHistory, StationNow } from './types';

export type ForecastOptions = DecayPrior;

/** Start of the first forecast hour: the history is read strictly before it. */
export function originOf(now: StationNow, targets: readonly LocalHour[]): number {
  return targets.length > 0 ? targets[0].hourStart : now.hourStart + 1;
}

/** Days from the first observed hour before `origin` to `origin`; 0 without any. */
export function historyDaysBefore(station: StationHistory, origin: number): number {
  const first = firstObservedAt(station.hours);
  return first === null || first >= origin ? 0 : (origin - first) / SECONDS_PER_DAY;
}

export function forecastStation(
  station: StationHistory,
  now: StationNow,
  targets: readonly LocalHour[],
  options: ForecastOptions = {},
): StationForecast {
  const origin = originOf(now, targets);
  const historyDays = historyDaysBefore(station, origin);
  const persistence = (): StationForecast => ({
    model: 'persistence',
    basis: { historyDays, profile: null, decay: null },
    targets,
    ...persistenceArrays(now, targets, station.capacity),
  });
  if (historyDays < PERSISTENCE_BELOW_DAYS) return persistence();

  const short = historyDays < SHORT_PROFILE_BELOW_DAYS;
  const profile = seasonalProfile(station.hours, {
    weeks: short ? SHORT_PROFILE_WEEKS : PROFILE_WEEKS,
    until: origin,
    kind: short ? 'hour-of-day' : 'weekday-hour',
  });
  const profileNow = profileAt(profile, now);
  if (profile.observations === 0 || profileNow === null) return persistence();

  const decay = fitDecay(station.hours, profile, options);
  return {
    model: short ? 'short-profile' : 'seasonal+decay',
    basis: { historyDays, profile: { kind: profile.kind, weeks: profile.weeks }, decay },
    targets,
    ...decayForecast(profile, profileNow, decay.phi, now, targets, station.capacity),
  };
}
