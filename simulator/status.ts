/**
 * Counts of every station at a feed time. Pure and stateless: (city, t) always gives the same
 * numbers, so any poll can be computed without replaying the ones before it.
 */
import { REPORT_PERIOD_SECONDS, type City, type SimStation } from './city';
import { targetFill } from './dailyWave';
import { localClock } from './localTime';
import { smoothNoise, unitHash } from './prng';

export interface StationCounts {
  bikes: number;
  ebikes: number;
  mechanical: number;
  docks: number;
  isInstalled: boolean;
  isRenting: boolean;
  isReturning: boolean;
  /** Epoch seconds. */
  lastReported: number;
}

// Independent noise streams must not share hash inputs.
const SALT_DRIFT = 11;
const SALT_JITTER = 12;
const SALT_EBIKES = 13;
const SALT_FIXED = 14;
const SALT_WANDER = 15;

/** Slow drift: ±6 % of the docks, changing smoothly over quarter hours. */
const DRIFT = 0.06;
const DRIFT_PERIOD_SECONDS = 900;
/** Share of stations that gain or lose one bike on any given poll. */
const JITTER_SHARE = 0.16;

/**
 * How far a station wanders off its daily wave, and for how long: share of its docks per layer
 * of smooth noise, each layer changing over its own period (rebalancing rounds, events, weather,
 * a neighbouring station closed). Without it a weekday × hour profile explained 98 % of a
 * simulated station's hourly variance, against 11 % on the recorded Oslo weeks: any forecast
 * looked better than it can be on real feeds. With it, about 20 %, and the deviations last as
 * Oslo's do (autocorrelation ~0.95 an hour later, ~0.27 a day later); bench/forecast.ts measures
 * both.
 */
export const WANDER_LAYERS: readonly { share: number; periodSeconds: number }[] = [
  { share: 0.25, periodSeconds: 4 * 3600 },
  { share: 0.45, periodSeconds: 24 * 3600 },
  { share: 0.25, periodSeconds: 96 * 3600 },
];

/** Counts aligned with city.stations. */
export function stationStatusAt(city: City, t: number): StationCounts[] {
  const clock = localClock(t, city.timezone);
  const weekend = clock.weekday === 0 || clock.weekday === 6;
  return city.stations.map((station) => countsFor(city.seed, station, t, clock.hour, weekend));
}

function countsFor(seed: number, s: SimStation, t: number, hour: number, weekend: boolean): StationCounts {
  if (s.quirk === 'not_installed') return notInstalled(seed, s);
  if (s.quirk === 'zero_capacity') return zeroCapacity(seed, s);

  const localHour = (hour + s.shiftHours + 24) % 24;
  const fill =
    targetFill(s.kind, localHour, weekend, s.baseFill, s.amplitude) +
    DRIFT * smoothNoise(t / DRIFT_PERIOD_SECONDS, seed, s.index, SALT_DRIFT) +
    wander(seed, s.index, t);
  const jitterDraw = unitHash(seed, s.index, t, SALT_JITTER);
  const jitter = jitterDraw < JITTER_SHARE / 2 ? -1 : jitterDraw > 1 - JITTER_SHARE / 2 ? 1 : 0;
  const bikes = clampInt(Math.round(fill * s.docks) + jitter, 0, s.docks);

  // Stochastic rounding keeps the system-wide e-bike share at the station's share on average.
  const ebikeDraw = unitHash(seed, s.index, Math.floor(t / DRIFT_PERIOD_SECONDS), SALT_EBIKES);
  const ebikes = clampInt(Math.floor(bikes * s.ebikeShare + ebikeDraw), 0, bikes);
  const docks = s.docks - bikes + (s.quirk === 'over_capacity' ? s.overCapacityBy : 0);

  return {
    bikes,
    ebikes,
    mechanical: bikes - ebikes,
    docks,
    isInstalled: true,
    isRenting: true,
    isReturning: true,
    lastReported: lastReportedAt(s, t),
  };
}

function wander(seed: number, index: number, t: number): number {
  let sum = 0;
  WANDER_LAYERS.forEach((layer, layerIndex) => {
    // Each station's knots fall at its own phase, so stations do not all turn at midnight UTC.
    const phase = unitHash(seed, index, layerIndex, SALT_WANDER);
    sum += layer.share * smoothNoise(t / layer.periodSeconds + phase, seed, index, layerIndex, SALT_WANDER);
  });
  return sum;
}

/** The last report-cycle tick at or before t: never after the feed time, at most one period old. */
function lastReportedAt(s: SimStation, t: number): number {
  return Math.floor((t - s.reportPhase) / REPORT_PERIOD_SECONDS) * REPORT_PERIOD_SECONDS + s.reportPhase;
}

/** As in the real feed: nothing to rent, usually no docks either, all flags 0, old timestamp. */
function notInstalled(seed: number, s: SimStation): StationCounts {
  const reportsDocks = unitHash(seed, s.index, SALT_FIXED) < 0.3;
  return {
    bikes: 0,
    ebikes: 0,
    mechanical: 0,
    docks: reportsDocks ? s.docks : 0,
    isInstalled: false,
    isRenting: false,
    isReturning: false,
    lastReported: s.frozenLastReported ?? 0,
  };
}

/** capacity 0 stations report 0/0 and do not rent, but most still claim to be installed. */
function zeroCapacity(seed: number, s: SimStation): StationCounts {
  return {
    bikes: 0,
    ebikes: 0,
    mechanical: 0,
    docks: 0,
    isInstalled: unitHash(seed, s.index, SALT_FIXED) < 0.7,
    isRenting: false,
    isReturning: false,
    lastReported: s.frozenLastReported ?? 0,
  };
}

function clampInt(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(value)));
}
