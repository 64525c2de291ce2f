/**
 * The forecast of the model: at k hours after the origin's hour,
 *
 *   bikes(k) = clamp(profile(t + k) + phi^k · (bikes now − profile(now)), 0, capacity)
 *   pFull(k) = phi^k · full now + (1 − phi^k) · profile's full share at t + k   (pEmpty alike)
 *
 * so the current state counts fully at first and the typical week takes over as it fades, at the
 * same pace for bikes and for the probabilities (full now ⇒ pFull near 1 an hour later). k counts
 * local hours as they happen: across a 23-hour day 03:00 is two hours after 01:00. A target hour
 * the profile has no value for keeps the current state (persistence) for that hour.
 *
 * With a fitted `trust` (horizonTrust.ts), bikes come from its per-horizon, per-hour weights of
 * the same quantities (and the trend) instead; the probabilities still fade at phi, then go
 * through the trust's calibration curves (chanceCalibration.ts), which also give the interval.
 *
 * The profile's shares are four weeks' averages; a station that has lately been empty (full)
 * less often than they say keeps doing so for a while. So the shares the chances fade into are
 * moved by the station's `recent` excess (its last week's share minus the profile's, over the
 * same hours), within [0, 1]: on the Oslo weeks, stations whose last week was 5 points less
 * empty than their profile were then empty 8–10 points less often than the profile said.
 */
import { calibratedChance, intervalEdge, MIN_SCALE } from './chanceCalibration';
import { trustAt, trustedBikes, type HorizonTrust } from './horizonTrust';
import { profileAt, type SeasonalProfile } from './seasonalProfile';
import type { LocalHour, ProfileValue, StationNow } from './types';

export interface ForecastArrays {
  bikes: number[];
  docks: number[];
  pFull: number[];
  pEmpty: number[];
  /** The 10th and 90th percentiles of bikes: whole bikes in [0, capacity]. */
  bikesLow: number[];
  bikesHigh: number[];
}

/** A station's last week against its profile: mean (observed share − profile's share) over its observed hours. */
export interface RecentExcess {
  empty: number;
  full: number;
}

const shareNear = (share: number, excess: number | undefined) => Math.min(1, Math.max(0, share + (excess ?? 0)));

export const clampBikes = (bikes: number, capacity: number) => Math.min(capacity, Math.max(0, bikes));

/**
 * `profileNow` is the profile at the origin's own hour: the deviation is measured against it.
 * With the trust's `calibration` the chances are calibrated (chanceCalibration.ts) and the
 * interval is its error percentiles times the station's `scale`.
 */
export function decayForecast(
  profile: SeasonalProfile,
  profileNow: ProfileValue,
  phi: number,
  now: StationNow,
  targets: readonly LocalHour[],
  capacity: number,
  trust: HorizonTrust | null = null,
  scale = MIN_SCALE,
  recent: RecentExcess | null = null,
): ForecastArrays {
  const deviationNow = now.bikes - profileNow.bikes;
  const calibration = trust?.calibration ?? null;
  // Run for every station and hour after each poll: plain loops into arrays of known length.
  const count = targets.length;
  const arrays: ForecastArrays = {
    bikes: new Array<number>(count),
    docks: new Array<number>(count),
    pFull: new Array<number>(count),
    pEmpty: new Array<number>(count),
    bikesLow: new Array<number>(count),
    bikesHigh: new Array<number>(count),
  };
  const fullNow = now.fullShare >= 0.5;
  const emptyNow = now.emptyShare >= 0.5;
  for (let index = 0; index < count; index++) {
    const target = targets[index];
    const k = index + 1;
    const expected = profileAt(profile, target);
    const weight = phi ** k;
    const beta = trust === null || expected === null ? null : trustAt(trust, targets[0], k);
    const unclamped =
      expected === null
        ? now.bikes
        : beta === null
          ? expected.bikes + weight * deviationNow
          : trustedBikes(beta, now, profileNow, expected, 1 - weight);
    const bikes = clampBikes(unclamped, capacity);
    arrays.bikes[index] = bikes;
    arrays.docks[index] = capacity - bikes;
    const rawFull = expected === null ? now.fullShare : weight * now.fullShare + (1 - weight) * shareNear(expected.pFull, recent?.full);
    const rawEmpty = expected === null ? now.emptyShare : weight * now.emptyShare + (1 - weight) * shareNear(expected.pEmpty, recent?.empty);
    arrays.pFull[index] = calibration === null ? rawFull : calibratedChance(calibration, 'full', k, fullNow, rawFull, recent?.full);
    arrays.pEmpty[index] = calibration === null ? rawEmpty : calibratedChance(calibration, 'empty', k, emptyNow, rawEmpty, recent?.empty);
    arrays.bikesLow[index] = Math.min(intervalEdge(calibration, k, 'low', bikes, scale, capacity), Math.floor(bikes));
    arrays.bikesHigh[index] = Math.max(intervalEdge(calibration, k, 'high', bikes, scale, capacity), Math.ceil(bikes));
  }
  return arrays;
}

/** Every target as it is now. */
export function persistenceArrays(now: StationNow, targets: readonly LocalHour[], capacity: number): ForecastArrays {
  const bikes = clampBikes(now.bikes, capacity);
  return {
    bikes: targets.map(() => bikes),
    docks: targets.map(() => capacity - bikes),
    pFull: targets.map(() => now.fullShare),
    pEmpty: targets.map(() => now.emptyShare),
    bikesLow: targets.map(() => Math.floor(bikes)),
    bikesHigh: targets.map(() => Math.ceil(bikes)),
  };
}
