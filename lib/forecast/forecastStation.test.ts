import { describe, expect, it } from 'vitest';
import { persistenceForecast, seasonalForecast } from './baselines';
import { nextLocalHours } from './clock';
import { MIN_SCALE } from './chanceCalibration';
import { decayForecast } from './decayForecast';
import { forecastStation, recentExcess } from './forecastStation';
import type { SeasonalProfile } from './seasonalProfile';
import { HOUR, MONDAY, UTC, nowAtIndex, triangle, utcHistory } from '../../test/support/forecastHistories';

const nextDay = (index: number) => nextLocalHours(MONDAY + index * HOUR, 24, UTC);
const hoursOfDay = Array.from({ length: 24 }, (_, hour) => hour);

describe('a pure daily wave', () => {
  // Five weeks of triangle(hour) bikes (0 at midnight, 12 at noon, 1 at 23:00), capacity 20; the
  // last entry (Sunday 23:00, 1 bike) is "now", the forecast covers Monday 00:00 … 23:00.
  const station = { capacity: 20, hours: utcHistory(35 * 24, (_, { hour }) => triangle(hour)) };
  const now = nowAtIndex(35 * 24 - 1, 1);
  const targets = nextDay(35 * 24 - 1);

  it('is the profile exactly: every weekday-hour of the four weeks holds the same value', () => {
    const forecast = forecastStation(station, now, targets);
    expect(forecast.model).toBe('seasonal+decay');
    expect(forecast.basis.historyDays).toBe(35);
    expect(forecast.basis.profile).toEqual({ kind: 'weekday-hour', weeks: 4 });
    // now − profile(Sunday 23:00) = 1 − 1 = 0: nothing to decay, whatever phi.
    expect(forecast.bikes).toEqual(hoursOfDay.map(triangle));
    expect(forecast.docks).toEqual(hoursOfDay.map((hour) => 20 - triangle(hour)));
  });

  it('is what the seasonal baseline says too, and persistence misses by the wave’s change', () => {
    expect(seasonalForecast(station, now, targets).bikes).toEqual(hoursOfDay.map(triangle));
    const persistence = persistenceForecast(station, now, targets);
    expect(persistence.bikes).toEqual(Array(24).fill(1));
    // Off by |triangle(hour) − 1|: 1 at 00:00, 0 at 01:00, 11 at noon, 0 again at 23:00.
    expect(persistence.bikes.map((bikes, k) => Math.abs(bikes - triangle(k)))).toEqual(hoursOfDay.map((hour) => Math.abs(triangle(hour) - 1)));
  });
});

/**
 * Four weeks at 5 bikes but for two deviations that cancel in the profile: +2 on Monday 08:00 and
 * 09:00 of week 1, −2 at the same hours of week 2 (those cells: (7 + 3 + 5 + 5) / 4 = 5). The
 * deviation pairs d(t)→d(t + 1) that are not 0→0: 0→2, 2→2, 2→0 and 0→−2, −2→−2, −2→0, so
 * Σ d(t)·d(t + 1) = 4 + 4 = 8 and Σ d(t)² = (4 + 4) + (4 + 4) = 16: phi = 8 / 16 = 0.5.
 * Entries 0 … 670 (Sunday 22:00 of week 4), "now" is Sunday 23:00 with 13 bikes: d = 13 − 5 = 8.
 */
function stepStation() {
  const episode = new Map([[8, 7], [9, 7], [176, 3], [177, 3]]);
  return { capacity: 20, hours: utcHistory(671, (index) => episode.get(index) ?? 5) };
}

describe('a step change', () => {
  const now = nowAtIndex(671, 13);
  const targets = nextDay(671);

  it('decays as phi^k: 5 + 8 · 0.5^k', () => {
    const forecast = forecastStation(stepStation(), now, targets, { priorPairs: 0 });
    // 671 entries, 670 neighbouring pairs, all observed.
    expect(forecast.basis.decay).toEqual({ phi: 0.5, stationPhi: 0.5, pairs: 670, sumProducts: 8, sumSquares: 16, priorPhi: 0.85, priorPairs: 0 });
    expect(forecast.bikes.slice(0, 4)).toEqual([9, 7, 6, 5.5]);
    // 5 + 8 / 2^24 = 5 + 2^-21, exactly representable.
    expect(forecast.bikes[23]).toBe(5 + 2 ** -21);
    expect(forecast.bikes).toEqual(targets.map((_, i) => 5 + 8 * 0.5 ** (i + 1)));
  });

  it('against persistence (13 throughout) and the profile (5 throughout)', () => {
    expect(persistenceForecast(stepStation(), now, targets).bikes).toEqual(Array(24).fill(13));
    expect(seasonalForecast(stepStation(), now, targets).bikes).toEqual(Array(24).fill(5));
  });

  it('shrinks a station’s phi toward the prior by pair counts', () => {
    // (670 · 0.5 + 670 · 0.9) / (670 + 670) = 938 / 1340 = 0.7
    const forecast = forecastStation(stepStation(), now, targets, { priorPhi: 0.9, priorPairs: 670 });
    expect(forecast.basis.decay?.phi).toBeCloseTo(0.7, 12);
    expect(forecast.bikes[0]).toBeCloseTo(5 + 8 * 0.7, 12);
  });
});

describe('a station at capacity', () => {
  // Capacity 10. 2 bikes at hours 0–11 (a quarter of the time empty), 8 at hours 12–23 (half the
  // time full); never a deviation, so phi is the prior, set to 0.5.
  const twoLevel = (length: number) => ({
    capacity: 10,
    hours: utcHistory(length, (_, { hour }) => (hour < 12 ? 2 : 8), (_, { hour }) =>
      hour < 12 ? { full: 0, empty: 0.25 } : { full: 0.5, empty: 0 },
    ),
  });
  const station = twoLevel(28 * 24 + 11);
  const options = { priorPhi: 0.5 };

  it('clamps at capacity and starts pFull from "full now"', () => {
    // Monday 11:00 of week 5, full: 10 bikes, d = 10 − 2 = 8.
    const now = nowAtIndex(28 * 24 + 11, 10, { full: 1, empty: 0 });
    const forecast = forecastStation(station, now, nextDay(28 * 24 + 11), options);
    // 12:00: 8 + 8 · 0.5 = 12 → 10; 13:00: 8 + 2 = 10; 14:00: 8 + 1 = 9; 15:00: 8.5.
    expect(forecast.bikes.slice(0, 4)).toEqual([10, 10, 9, 8.5]);
    expect(forecast.docks.slice(0, 4)).toEqual([0, 0, 1, 1.5]);
    // Tuesday 00:00 (k = 13): 2 + 8 / 2^13.
    expect(forecast.bikes[12]).toBe(2.0009765625);
    // pFull = 0.5^k · 1 + (1 − 0.5^k) · 0.5: 0.75, 0.625, 0.5625; at k = 13 the profile's 0 full.
    expect(forecast.pFull.slice(0, 3)).toEqual([0.75, 0.625, 0.5625]);
    expect(forecast.pFull[12]).toBe(2 ** -13);
    // pEmpty: not empty now, never empty after noon; then (1 − 0.5^13) · 0.25.
    expect(forecast.pEmpty.slice(0, 12)).toEqual(Array(12).fill(0));
    expect(forecast.pEmpty[12]).toBe((1 - 2 ** -13) * 0.25);
  });

  it('clamps at zero when an empty station heads into its emptier hours', () => {
    // Monday 23:00 of week 5, empty: 0 bikes, d = 0 − 8 = −8.
    const history = twoLevel(28 * 24 + 23);
    const now = nowAtIndex(28 * 24 + 23, 0, { full: 0, empty: 1 });
    const forecast = forecastStation(history, now, nextDay(28 * 24 + 23), options);
    // 00:00: 2 − 4 = −2 → 0; 01:00: 2 − 2 = 0; 02:00: 2 − 1 = 1.
    expect(forecast.bikes.slice(0, 3)).toEqual([0, 0, 1]);
    // pEmpty = 0.5^k · 1 + (1 − 0.5^k) · 0.25: 0.625, 0.4375.
    expect(forecast.pEmpty.slice(0, 2)).toEqual([0.625, 0.4375]);
  });

  it('persistence keeps it full, the profile forgets it', () => {
    const now = nowAtIndex(28 * 24 + 11, 10, { full: 1, empty: 0 });
    const targets = nextDay(28 * 24 + 11);
    const persistence = persistenceForecast(station, now, targets);
    expect(persistence.bikes).toEqual(Array(24).fill(10));
    expect(persistence.pFull).toEqual(Array(24).fill(1));
    const seasonal = seasonalForecast(station, now, targets);
    expect(seasonal.bikes).toEqual([...Array(12).fill(8), ...Array(12).fill(2)]);
    expect(seasonal.pFull).toEqual([...Array(12).fill(0.5), ...Array(12).fill(0)]);
  });
});

describe('fallbacks', () => {
  const flat = (days: number) => ({ capacity: 20, hours: utcHistory(days * 24, () => 5) });
  const forecastAfter = (days: number) => forecastStation(flat(days), nowAtIndex(days * 24 - 1, 9), nextDay(days * 24 - 1));

  it('6 days of history: persistence', () => {
    const forecast = forecastAfter(6);
    expect(forecast.model).toBe('persistence');
    expect(forecast.basis).toEqual({ historyDays: 6, profile: null, decay: null });
    expect(forecast.bikes).toEqual(Array(24).fill(9));
  });

  it('7 and 20 days: the short profile (3 weeks); 21 days: the full model (4 weeks)', () => {
    expect(forecastAfter(7).model).toBe('short-profile');
    expect(forecastAfter(20).model).toBe('short-profile');
    expect(forecastAfter(20).basis.profile).toEqual({ kind: 'weekday-hour', weeks: 3 });
    expect(forecastAfter(21).model).toBe('seasonal+decay');
    expect(forecastAfter(21).basis.profile).toEqual({ kind: 'weekday-hour', weeks: 4 });
  });

  it('2 weeks: weekdays and weekends kept apart when every day of each type agrees', () => {
    // Weekdays at 6 bikes, weekends at 13. Within every day type × hour the observations agree
    // (s² = 0), so nothing is shrunk: the profile is 6 on weekdays and 13 on weekends, the
    // station never deviated from it (phi = the prior) and, now at 13 on a Sunday 23:00, the
    // forecast for Monday is 6 throughout (d = 13 − 13 = 0).
    const station = { capacity: 20, hours: utcHistory(14 * 24, (_, { weekday }) => (weekday <= 5 ? 6 : 13)) };
    const forecast = forecastStation(station, nowAtIndex(14 * 24 - 1, 13), nextDay(14 * 24 - 1), { priorPairs: 0 });
    expect(forecast.model).toBe('short-profile');
    expect(forecast.basis.decay).toMatchObject({ pairs: 335, sumProducts: 0, sumSquares: 0, stationPhi: null, phi: 0.85 });
    expect(forecast.bikes).toEqual(Array(24).fill(6));
    // Now at 17, 4 above the weekend profile: Monday is 6 + 4 · 0.85^k.
    const above = forecastStation(station, nowAtIndex(14 * 24 - 1, 17), nextDay(14 * 24 - 1), { priorPairs: 0 });
    expect(above.bikes[0]).toBeCloseTo(6 + 4 * 0.85, 12);
    expect(above.bikes[23]).toBeCloseTo(6 + 4 * 0.85 ** 24, 12);
  });

  it('persistence when the origin’s own hour was never observed', () => {
    // Ten days, every 23:00 unobserved; now is 23:00: no profile to measure the deviation by.
    const station = { capacity: 20, hours: utcHistory(10 * 24, (_, { hour }) => (hour === 23 ? null : 5)) };
    const forecast = forecastStation(station, nowAtIndex(10 * 24 - 1, 9), nextDay(10 * 24 - 1));
    expect(forecast.model).toBe('persistence');
    expect(forecast.bikes).toEqual(Array(24).fill(9));
  });

  it('persistence with no observed hour at all', () => {
    const station = { capacity: 20, hours: utcHistory(30 * 24, () => null) };
    const forecast = forecastStation(station, nowAtIndex(30 * 24 - 1, 4), nextDay(30 * 24 - 1));
    expect(forecast.model).toBe('persistence');
    expect(forecast.basis.historyDays).toBe(0);
  });
});

describe("the station's last week against its profile", () => {
  // A hand-made profile: every weekday-hour half the time empty, never full, but Monday 00:00 unknown.
  const values = Array.from({ length: 7 * 24 }, (_, cell) => (cell === 0 ? null : { bikes: 5, pFull: 0, pEmpty: 0.5 }));
  const profile: SeasonalProfile = { kind: 'weekday-hour', weeks: 4, from: 0, until: 0, observations: 1, values };
  // Ten days: empty all the time for three days, then 30 % of the time and full 10 % for the last week.
  const hours = utcHistory(
    240,
    (index) => (index % 24 === 5 ? null : 5),
    (index) => (index < 72 ? { full: 0, empty: 1 } : { full: 0.1, empty: 0.3 }),
  );

  it('is the mean excess over the week before the end, skipping unobserved hours and hours the profile has no value for', () => {
    const recent = recentExcess(hours, profile, 240)!;
    expect(recent.empty).toBeCloseTo(0.3 - 0.5, 12);
    expect(recent.full).toBeCloseTo(0.1, 12);
    // Ending three days earlier, the week holds the three empty days (+0.5 each) and four of the
    // later ones (−0.2), less its 05:00s (unobserved) and its Monday 00:00 (no profile value).
    const earlier = recentExcess(hours, profile, 168)!;
    const observed = hours.slice(0, 168).filter((entry) => entry.meanBikes !== null && !(entry.weekday === 1 && entry.hour === 0));
    const expected = observed.reduce((sum, entry) => sum + (entry.emptyShare! - 0.5), 0) / observed.length;
    expect(earlier.empty).toBeCloseTo(expected, 12);
    expect(earlier.empty).toBeGreaterThan(0);
  });

  it('is null with nothing observed in the week', () => {
    expect(recentExcess(utcHistory(48, () => null), profile, 48)).toBeNull();
  });

  it('moves the shares the chances fade into, within [0, 1]', () => {
    const now = nowAtIndex(239, 5);
    const targets = nextDay(239);
    // phi 0: the state now counts for nothing after the first hour; pEmpty is the profile's 0.5 moved by the excess.
    const moved = decayForecast(profile, values[1]!, 0, now, targets, 20, null, MIN_SCALE, { empty: -0.2, full: 0.1 });
    expect(moved.pEmpty).toEqual(Array(24).fill(0.3));
    expect(moved.pFull).toEqual(Array(24).fill(0.1));
    const clamped = decayForecast(profile, values[1]!, 0, now, targets, 20, null, MIN_SCALE, { empty: 0.7, full: -0.3 });
    expect(clamped.pEmpty[3]).toBe(1);
    expect(clamped.pFull[3]).toBe(0);
  });
});
