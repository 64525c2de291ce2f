import { describe, expect, it } from 'vitest';
import { fitDecay, pooledDecay } from './decay';
import { seasonalProfile } from './seasonalProfile';
import { utcHistory } from '../../test/support/forecastHistories';

/**
 * Four weeks at 5 bikes with a gap inside each of two deviations: week 1 Monday 08:00 +2,
 * 09:00 unobserved, 10:00 +2; week 2 the same hours −2. The profile stays 5 everywhere
 * ((7 + 3 + 5 + 5) / 4 at 08:00 and 10:00; (5 + 5) / 2 at 09:00).
 */
const episode = new Map<number, number | null>([[8, 7], [9, null], [10, 7], [176, 3], [177, null], [178, 3]]);
const gapped = utcHistory(28 * 24, (index) => (episode.has(index) ? (episode.get(index) ?? null) : 5));

describe('fitDecay', () => {
  it('does not pair across a gap', () => {
    const fit = fitDecay(gapped, seasonalProfile(gapped, { weeks: 4 }), { priorPairs: 0 });
    // 671 neighbouring pairs, minus the four touching 09:00 and the other week's 09:00.
    expect(fit.pairs).toBe(667);
    // Left: 07:00→08:00 (0 · 2), 10:00→11:00 (2 · 0) and the same with −2: Σ d·d' = 0,
    // Σ d² = 4 + 4 (10:00 of both weeks; 08:00 lags only into the gap). Bridging the gap would
    // have paired 2 with 2 and −2 with −2.
    expect(fit.sumProducts).toBe(0);
    expect(fit.sumSquares).toBe(8);
    expect(fit.stationPhi).toBe(0);
    expect(fit.phi).toBe(0);
  });

  it('does not pair entries more than an hour apart either (a missing row)', () => {
    const sparse = gapped.filter((entry) => entry.meanBikes !== null);
    const fit = fitDecay(sparse, seasonalProfile(sparse, { weeks: 4 }), { priorPairs: 0 });
    expect(fit).toMatchObject({ pairs: 667, sumProducts: 0, sumSquares: 8 });
  });

  it('clamps a negative slope to 0 and answers with the prior when nothing deviated', () => {
    // Deviations +1, −1, +1, … : Σ d·d' < 0.
    const alternating = utcHistory(14 * 24, (index) => (Math.floor(index / 168) === 0 ? 5 + (index % 2 === 0 ? 1 : -1) : 5 - (index % 2 === 0 ? 1 : -1)));
    const fit = fitDecay(alternating, seasonalProfile(alternating, { weeks: 2 }), { priorPairs: 0 });
    expect(fit.sumProducts).toBeLessThan(0);
    expect(fit.stationPhi).toBe(0);

    const flat = utcHistory(14 * 24, () => 5);
    const quiet = fitDecay(flat, seasonalProfile(flat, { weeks: 2 }), { priorPhi: 0.6 });
    expect(quiet).toMatchObject({ stationPhi: null, phi: 0.6, pairs: 335, sumSquares: 0 });
  });

  it('shrinks toward the prior: (n · phi_station + n0 · phi_prior) / (n + n0)', () => {
    // Two weeks at 5 but Friday 04:00 and 05:00 of week 1 (entries 100, 101) at 9 and 7: those
    // cells' profile is (9 + 5) / 2 = 7 and (7 + 5) / 2 = 6, so d = +2, +1 in week 1 and −2, −1
    // in week 2. Σ d·d' = 2 · 1 + (−2) · (−1) = 4, Σ d² = (4 + 1) + (4 + 1) = 10: phi 0.4.
    const history = utcHistory(14 * 24, (index) => (index === 100 ? 9 : index === 101 ? 7 : 5));
    const profile = seasonalProfile(history, { weeks: 2 });
    expect(fitDecay(history, profile, { priorPairs: 0 })).toMatchObject({ pairs: 335, sumProducts: 4, sumSquares: 10, stationPhi: 0.4, phi: 0.4 });
    // (335 · 0.4 + 335 · 0.8) / (335 + 335) = 0.6
    expect(fitDecay(history, profile, { priorPhi: 0.8, priorPairs: 335 }).phi).toBeCloseTo(0.6, 12);
  });

  it('pools stations by their sums, not by averaging their phis', () => {
    // Station A: Σ d·d' = 8, Σ d² = 16 (phi 0.5); B: 9 and 10 (phi 0.9). Pooled: 17 / 26.
    expect(pooledDecay([{ sumProducts: 8, sumSquares: 16 }, { sumProducts: 9, sumSquares: 10 }])).toBe(17 / 26);
    expect(pooledDecay([{ sumProducts: 0, sumSquares: 0 }])).toBeNull();
  });
});
