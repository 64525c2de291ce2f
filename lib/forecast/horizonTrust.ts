/**
 * How far to trust the profile, per horizon and per hour of the day: the decay model assumes that
 * a station follows its profile's change in full and that its deviation fades at phi per hour
 * whatever the hour. On the Oslo weeks neither holds: at 1 h the profile's change is worth about
 * half of itself, at night nothing moves, and the morning's change is far more regular than the
 * afternoon's. So the forecast k hours ahead is
 *
 *   bikes(k) = clamp(x + β₁·(P(t + k) − P(t)) + β₂·(P(t) − x) + β₃·(1 − phi^k)·(P(t) − x)
 *                    + β₄·(x − m) + β₅·(s / 3600)·(P(t + k) − P(t)), 0, capacity)
 *
 * x the bikes at the poll, m the mean of the hour before (x − m: the recent trend, which a truck
 * or a morning rush carries into the next hour), s the seconds from the start of the poll's hour
 * to the poll (a poll late in its hour has less of the profile's change still ahead of it),
 * P the station's shrunk profile, phi its decay; β per horizon k (1–24), per
 * local hour of the first forecast hour and per day type (Monday–Friday, Saturday–Sunday),
 * pooled over the system's stations and fitted by least absolute deviation on the TRUST_DAYS
 * before the fit (every origin, every horizon whose target is before the fit; at most
 * MAX_TRUST_STATIONS stations). A (group, horizon)
 * with fewer than MIN_GROUP_ROWS rows takes the coefficients pooled over every group of its
 * horizon; with none at all, the plain decay model answers. The fit is of the correction to the
 * plain model (β = (1, 0, 1, 0, 0) is that model), so what the rows never show (the profile's change
 * across a DST night, say) keeps the plain model's weight rather than none.
 */
import type { ChanceCalibration } from './chanceCalibration';
import { leastAbsoluteFit } from './leastAbsolute';
import { profileAt, type SeasonalProfile } from './seasonalProfile';
import { isObserved, originState } from './series';
import { FORECAST_HOURS, SECONDS_PER_DAY } from './thresholds';
import type { LocalHourLabel, ProfileValue, StationHistory, StationNow } from './types';

/** Days of origins the trust is fitted on. */
export const TRUST_DAYS = 14;
/** Rows a (group, horizon) needs for coefficients of its own. */
export const MIN_GROUP_ROWS = 200;
/**
 * Stations the trust is fitted on at most, evenly spaced through the list: a few hundred pin the
 * pooled coefficients (Oslo has 260), and the nightly fit and its backtest stay cheap at Vélib's 1,500.
 */
export const MAX_TRUST_STATIONS = 400;
const FEATURES = 5;
const GROUPS = 48;

export interface HorizonTrust {
  /** Rows (station, origin, horizon) the coefficients were fitted on. */
  rows: number;
  /** Per horizon k (index k − 1): β pooled over every group; null when there was no row. */
  pooled: (number[] | null)[];
  /** Per group (day type · 24 + local hour of the first forecast hour), per horizon: β, or null to use the pooled one. */
  groups: (number[] | null)[][];
  /** The chances' calibration and the interval, fitted after the β on the same days (fitCalibration.ts); absent: raw chances, no interval. */
  calibration?: ChanceCalibration | null;
}

/** What a station's fit gives the trust: its profile and phi (null: the station has no profile). */
export interface TrustInput {
  profile: SeasonalProfile | null;
  phi: number | null;
}

/** β of the plain decay model: P(t + k) + phi^k · (x − P(t)). */
export const PLAIN_DECAY: readonly number[] = [1, 0, 1, 0, 0];

const groupOf = (label: LocalHourLabel) => (label.weekday >= 6 ? 24 : 0) + label.hour;
const fromPlain = (correction: number[]) => correction.map((c, j) => Math.round((PLAIN_DECAY[j] + c) * 1e4) / 1e4);

/**
 * The features of one forecast: the profile's change, the reversion, the reversion faded by phi,
 * the recent trend, and the profile's change weighed by how far into its hour the poll came.
 * `fade` is 1 − phi^k, the share of the deviation gone k hours ahead.
 */
function featuresOf(state: StationNow, now: ProfileValue, target: ProfileValue, fade: number, out: Float64Array, at: number): void {
  const x = state.bikes;
  out[at] = target.bikes - now.bikes;
  out[at + 1] = now.bikes - x;
  out[at + 2] = fade * (now.bikes - x);
  out[at + 3] = state.trend ?? 0;
  out[at + 4] = ((state.secondsIntoHour ?? 0) / 3600) * out[at];
}

export function fitHorizonTrust(allStations: readonly StationHistory[], allFits: readonly TrustInput[], until: number, days = TRUST_DAYS): HorizonTrust | null {
  const step = Math.max(1, allStations.length / MAX_TRUST_STATIONS);
  const picked = Array.from({ length: Math.min(allStations.length, MAX_TRUST_STATIONS) }, (_, i) => Math.floor(i * step));
  const stations = picked.map((i) => allStations[i]);
  const fits = picked.map((i) => allFits[i]);
  const from = until - days * SECONDS_PER_DAY;
  const ranges = stations.map((station) => {
    const hours = station.hours;
    let start = 0;
    while (start < hours.length && hours[start].hourStart < from) start++;
    let end = start;
    while (end < hours.length && hours[end].hourStart < until) end++;
    return { start: Math.max(1, start), end };
  });
  // Each origin's state, once: the same for every horizon.
  const originStates = stations.map((station, s) => {
    const states: (StationNow | null)[] = [];
    for (let o = ranges[s].start; o < ranges[s].end; o++) states[o] = originState(station.hours, o);
    return states;
  });
  const capacityRows = ranges.reduce((sum, r) => sum + Math.max(0, r.end - r.start), 0);
  if (capacityRows === 0) return null;
  const x = new Float64Array(capacityRows * FEATURES);
  const y = new Float64Array(capacityRows);
  const group = new Int16Array(capacityRows);
  const pooled: (number[] | null)[] = [];
  const groups: (number[] | null)[][] = Array.from({ length: GROUPS }, () => []);
  let totalRows = 0;

  for (let k = 1; k <= FORECAST_HOURS; k++) {
    let rows = 0;
    stations.forEach((station, s) => {
      const { profile, phi } = fits[s];
      if (profile === null || phi === null) return;
      const fade = 1 - phi ** k;
      const hours = station.hours;
      const { start, end } = ranges[s];
      for (let o = start; o + k - 1 < end; o++) {
        const target = hours[o + k - 1];
        if (!isObserved(target)) continue;
        const now = originStates[s][o];
        if (now === null) continue;
        const profileNow = profileAt(profile, now);
        const profileTarget = profileAt(profile, target);
        if (profileNow === null || profileTarget === null) continue;
        featuresOf(now, profileNow, profileTarget, fade, x, rows * FEATURES);
        // Fitted as a correction of the plain decay model: a feature that never varies keeps its β.
        const at = rows * FEATURES;
        let plain = 0;
        for (let j = 0; j < FEATURES; j++) plain += PLAIN_DECAY[j] * x[at + j];
        y[rows] = target.meanBikes - now.bikes - plain;
        group[rows] = groupOf(hours[o]);
        rows++;
      }
    });
    totalRows += rows;
    const all = Int32Array.from({ length: rows }, (_, r) => r);
    pooled.push(rows > 0 ? fromPlain(leastAbsoluteFit(x, y, FEATURES, all)) : null);
    const members: number[][] = Array.from({ length: GROUPS }, () => []);
    for (let r = 0; r < rows; r++) members[group[r]].push(r);
    members.forEach((indices, g) => {
      groups[g].push(indices.length >= MIN_GROUP_ROWS ? fromPlain(leastAbsoluteFit(x, y, FEATURES, indices)) : null);
    });
  }
  return totalRows === 0 ? null : { rows: totalRows, pooled, groups };
}

/** β for the forecast k hours after `first` (the first forecast hour); null: the plain decay model. */
export function trustAt(trust: HorizonTrust, first: LocalHourLabel, k: number): number[] | null {
  return trust.groups[groupOf(first)]?.[k - 1] ?? trust.pooled[k - 1] ?? null;
}

const scratchRow = new Float64Array(FEATURES);

/** Bikes k hours ahead under the trust β (unclamped), `fade` being 1 − phi^k; a β stored before the trend features weighs them 0. */
export function trustedBikes(beta: readonly number[], state: StationNow, now: ProfileValue, target: ProfileValue, fade: number): number {
  // Called per station and horizon at every poll: one scratch row, not an allocation each time.
  const f = scratchRow;
  featuresOf(state, now, target, fade, f, 0);
  let bikes = state.bikes;
  for (let j = 0; j < FEATURES; j++) bikes += (beta[j] ?? 0) * f[j];
  return bikes;
}
