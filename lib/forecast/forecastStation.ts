/**
 * The forecast of one station from its history, with the fallbacks a young station needs:
 *
 *   history (first observed hour → origin) < PERSISTENCE_BELOW_DAYS    persistence
 *                                          < SHORT_PROFILE_BELOW_DAYS  short-profile: the shrunk
 *                                                                      profile of the last
 *                                                                      SHORT_PROFILE_WEEKS + decay
 *                                          otherwise                   seasonal+decay: the shrunk
 *                                                                      profile of the last
 *                                                                      PROFILE_WEEKS + decay
 *
 * (shrunkProfile.ts: weekday × hour cells shrunk toward day type × hour and hour of day by how
 * well their observations agree; with few weeks, few observations, so more shrinkage)
 *
 * and persistence too when the profile has nothing to say about the origin's own hour (nothing
 * observed at that hour of day in the window). The answer names the model and what it stood on.
 *
 * Two steps, so the live path can fit once a day and apply at every poll: `fitStation` reads
 * only hours before its `until`; `applyStationModel` needs the fit, the state now and the targets.
 */
import { errorScale } from './chanceCalibration';
import { fitDecay, type DecayPrior } from './decay';
import { decayForecast, persistenceArrays, type RecentExcess } from './decayForecast';
import type { HorizonTrust } from './horizonTrust';
import { profileAt, type SeasonalProfile } from './seasonalProfile';
import { firstIndexAtOrAfter, firstObservedAt, isObserved } from './series';
import { shrunkProfile } from './shrunkProfile';
import {
  PERSISTENCE_BELOW_DAYS,
  PROFILE_WEEKS,
  SECONDS_PER_DAY,
  SHORT_PROFILE_BELOW_DAYS,
  SHORT_PROFILE_WEEKS,
} from './thresholds';
import type { DecayFit, HourObservation, LocalHour, StationForecast, StationHistory, StationNow } from './types';

export type ForecastOptions = DecayPrior;

/** What a station's forecast stands on, fitted on the hours before `until`. */
export interface StationModel {
  /** The model the fit allows; applying it may still fall back to persistence (no profile value now). */
  model: 'seasonal+decay' | 'short-profile' | 'persistence';
  until: number;
  historyDays: number;
  profile: SeasonalProfile | null;
  decay: DecayFit | null;
  /** The station's last week against its profile (absent from fits stored before it was kept). */
  recent?: RecentExcess | null;
}

/** The week whose share the chances lean toward (decayForecast.ts). */
export const RECENT_HOURS = 7 * 24;

/**
 * The station's mean excess of empty and full time over its profile in the RECENT_HOURS entries
 * before entry `end`; null without a profile value for any observed one.
 */
export function recentExcess(hours: readonly HourObservation[], profile: SeasonalProfile, end: number): RecentExcess | null {
  let empty = 0;
  let full = 0;
  let observed = 0;
  for (let i = Math.max(0, end - RECENT_HOURS); i < end; i++) {
    const entry = hours[i];
    if (!isObserved(entry)) continue;
    const expected = profileAt(profile, entry);
    if (expected === null) continue;
    empty += entry.emptyShare - expected.pEmpty;
    full += entry.fullShare - expected.pFull;
    observed++;
  }
  return observed === 0 ? null : { empty: empty / observed, full: full / observed };
}

/** Start of the first forecast hour: the history is read strictly before it. */
export function originOf(now: StationNow, targets: readonly LocalHour[]): number {
  return targets.length > 0 ? targets[0].hourStart : now.hourStart + 1;
}

/** Days from the first observed hour before `origin` to `origin`; 0 without any. */
export function historyDaysBefore(station: StationHistory, origin: number): number {
  const first = firstObservedAt(station.hours);
  return first === null || first >= origin ? 0 : (origin - first) / SECONDS_PER_DAY;
}

export function fitStation(station: StationHistory, until: number, options: ForecastOptions = {}): StationModel {
  const historyDays = historyDaysBefore(station, until);
  if (historyDays < PERSISTENCE_BELOW_DAYS) return { model: 'persistence', until, historyDays, profile: null, decay: null };
  const short = historyDays < SHORT_PROFILE_BELOW_DAYS;
  const profile = shrunkProfile(station.hours, { weeks: short ? SHORT_PROFILE_WEEKS : PROFILE_WEEKS, until });
  if (profile.observations === 0) return { model: 'persistence', until, historyDays, profile: null, decay: null };
  const end = firstIndexAtOrAfter(station.hours, until);
  return {
    model: short ? 'short-profile' : 'seasonal+decay',
    until,
    historyDays,
    profile,
    decay: fitDecay(station.hours, profile, options),
    recent: recentExcess(station.hours, profile, end),
  };
}

/**
 * `trust`: the system's fitted horizon trust (horizonTrust.ts); without it the plain decay model
 * answers. `recent`: the station's last week before the origin, when the caller knows it better
 * than the fit (which measured it before its `until`).
 */
export function applyStationModel(
  fit: StationModel,
  now: StationNow,
  targets: readonly LocalHour[],
  capacity: number,
  trust: HorizonTrust | null = null,
  recent: RecentExcess | null = fit.recent ?? null,
): StationForecast {
  const profileNow = fit.profile === null ? null : profileAt(fit.profile, now);
  if (fit.profile === null || fit.decay === null || profileNow === null) {
    return {
      model: 'persistence',
      basis: { historyDays: fit.historyDays, profile: null, decay: null },
      targets,
      ...persistenceArrays(now, targets, capacity),
    };
  }
  return {
    model: fit.model,
    basis: { historyDays: fit.historyDays, profile: { kind: fit.profile.kind, weeks: fit.profile.weeks }, decay: fit.decay },
    targets,
    ...decayForecast(fit.profile, profileNow, fit.decay.phi, now, targets, capacity, trust, errorScale(fit.decay), recent),
  };
}

export function forecastStation(
  station: StationHistory,
  now: StationNow,
  targets: readonly LocalHour[],
  options: ForecastOptions = {},
): StationForecast {
  return applyStationModel(fitStation(station, originOf(now, targets), options), now, targets, station.capacity);
}
