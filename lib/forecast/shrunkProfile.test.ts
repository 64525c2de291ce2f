import { describe, expect, it } from 'vitest';
import { profileAt } from './seasonalProfile';
import { shrinkageWeight, shrunkProfile } from './shrunkProfile';
import { HOUR, MONDAY, triangle, utcHistory } from '../../test/support/forecastHistories';

describe('shrunkProfile: cells trusted as far as their observations agree', () => {
  it('keeps a noise-free wave exactly (s² = 0: nothing shrunk)', () => {
    const history = utcHistory(28 * 24, (_, { hour }) => triangle(hour));
    const profile = shrunkProfile(history, { weeks: 4, until: MONDAY + 28 * 24 * HOUR });
    expect(profile.weights).toEqual({ dayType: 0, cell: 0 });
    expect(profile.values.map((value) => value?.bikes)).toEqual(Array.from({ length: 168 }, (_, i) => triangle(i % 24)));
  });

  it('shrinks a scattered cell toward its hour by K = s² / τ² (exact numbers)', () => {
    // Two weeks at 10 bikes but Monday 08:00: 12 in week 1, 16 in week 2 (cell mean 14).
    const history = utcHistory(14 * 24, (index, { weekday, hour }) => (weekday === 1 && hour === 8 ? (index < 168 ? 12 : 16) : 10));
    const profile = shrunkProfile(history, { weeks: 2, until: MONDAY + 14 * 24 * HOUR });
    // Hour of day 08:00: (12 + 16 + 12 · 10) / 14 = 74 / 7.
    // Day types: weekday 08:00 holds 12, 16 and eight 10s (mean 10.8, Σ(x − mean)² = 33.6), every
    // other group agrees within: s² = 33.6 / (24 · 9 + 24 · 3) = 7 / 60. Their means about the
    // hour: (10.8 − 74/7)² + (10 − 74/7)² = 464 / 1225, less the noise s² · (24 / 10 + 24 / 4) =
    // 0.98: below 0, so τ² = 0 and K₁ = ∞: both day types take the hour's 74 / 7.
    expect(profile.weights.dayType).toBe(Number.POSITIVE_INFINITY);
    // Cells: s² = (2² + 2²) / 168 = 1 / 21; τ² = ((14 − 74/7)² + 6 · (10 − 74/7)² − 168 · s² / 2) / 168
    // = (576/49 + 96/49 − 4) / 168 = 17 / 294; K₂ = (1/21) / (17/294) = 14 / 17.
    expect(profile.weights.cell).toBeCloseTo(14 / 17, 12);
    // Monday 08:00: (28 + 14/17 · 74/7) / (2 + 14/17) = 624 / 48 = 13; another weekday's 08:00:
    // (20 + 148/17) / (48/17) = 488 / 48 = 61 / 6; any other hour: (20 + 140/17) / (48/17) = 10.
    expect(profileAt(profile, { weekday: 1, hour: 8 })?.bikes).toBeCloseTo(13, 12);
    expect(profileAt(profile, { weekday: 2, hour: 8 })?.bikes).toBeCloseTo(61 / 6, 12);
    expect(profileAt(profile, { weekday: 7, hour: 8 })?.bikes).toBeCloseTo(61 / 6, 12);
    expect(profileAt(profile, { weekday: 3, hour: 9 })?.bikes).toBeCloseTo(10, 12);
  });

  it('leaves an hour never observed without a value', () => {
    const history = utcHistory(14 * 24, (_, { hour }) => (hour === 3 ? null : 4));
    const profile = shrunkProfile(history, { weeks: 2, until: MONDAY + 14 * 24 * HOUR });
    expect(profileAt(profile, { weekday: 2, hour: 3 })).toBeNull();
    expect(profileAt(profile, { weekday: 2, hour: 4 })).toEqual({ bikes: 4, pFull: 0, pEmpty: 0 });
    expect(profile.observations).toBe(14 * 23);
  });

  it('K is 0 without scatter, ∞ when the groups differ no more than noise', () => {
    const group = (values: number[]) => ({
      n: values.length,
      bikes: values.reduce((a, b) => a + b, 0),
      squares: values.reduce((a, b) => a + b * b, 0),
      full: 0,
      empty: 0,
    });
    expect(shrinkageWeight([group([1, 1]), group([3, 3])], [2, 2])).toBe(0);
    // Means 1 and 3 about 2 within ±1 scatter: s² = (4 · 1) / 2 = 2; spread (1 + 1 − 2 · 2 / 2) / 2 = 0.
    expect(shrinkageWeight([group([0, 2]), group([2, 4])], [2, 2])).toBe(Number.POSITIVE_INFINITY);
    // Means 0 and 4 about 2, scatter ±1: s² = 2, τ² = (4 + 4 − 2) / 2 = 3: K = 2 / 3.
    expect(shrinkageWeight([group([-1, 1]), group([3, 5])], [2, 2])).toBeCloseTo(2 / 3, 12);
  });
});
