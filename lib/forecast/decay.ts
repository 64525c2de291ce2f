/**
 * How long a station's deviation from its profile lasts. With d(t) = bikes(t) − profile(t), the
 * model is d(t + 1) ≈ phi · d(t): phi is the least-squares slope through the origin of d(t + 1)
 * on d(t) over every pair of neighbouring observed hours of the profile's window, clamped to
 * [0, 1] (a deviation neither grows nor flips sign on average). A gap breaks the pairs: an hour
 * next to an unobserved one pairs with nothing.
 *
 * A young or quiet station has few pairs, so its phi is shrunk toward a prior (a system's or a
 * cluster's pooled phi, or DEFAULT_PRIOR_PHI): phi = (n · phi_station + n0 · phi_prior) / (n + n0),
 * the prior counting as n0 pairs. A station that never deviated (Σ d(t)² = 0) says nothing
 * about phi: the prior alone answers.
 */
import { profileAt, type SeasonalProfile } from './seasonalProfile';
import { isObserved, windowIndices } from './series';
import { DEFAULT_PRIOR_PAIRS, DEFAULT_PRIOR_PHI, MAX_LOCAL_HOUR_SECONDS } from './thresholds';
import type { DecayFit, HourObservation } from './types';

export interface DecayPrior {
  priorPhi?: number;
  priorPairs?: number;
}

const clampUnit = (value: number) => Math.min(1, Math.max(0, value));

function deviation(entry: HourObservation, profile: SeasonalProfile): number | null {
  if (!isObserved(entry)) return null;
  const expected = profileAt(profile, entry);
  return expected === null ? null : entry.meanBikes - expected.bikes;
}

export function fitDecay(history: readonly HourObservation[], profile: SeasonalProfile, prior: DecayPrior = {}): DecayFit {
  const { start, end } = windowIndices(history, profile.from, profile.until);

  let pairs = 0;
  let sumProducts = 0;
  let sumSquares = 0;
  let previous = start < end ? deviation(history[start], profile) : null;
  for (let i = start + 1; i < end; i++) {
    const current = deviation(history[i], profile);
    const neighbours = history[i].hourStart - history[i - 1].hourStart <= MAX_LOCAL_HOUR_SECONDS;
    if (previous !== null && current !== null && neighbours) {
      pairs++;
      sumProducts += previous * current;
      sumSquares += previous * previous;
    }
    previous = current;
  }

  const stationPhi = sumSquares > 0 ? clampUnit(sumProducts / sumSquares) : null;
  return shrunkDecay({ stationPhi, pairs, sumProducts, sumSquares }, prior);
}

/** A station's own fit shrunk toward a prior (another prior than the one it was fitted with, e.g. a pooled phi). */
export function shrunkDecay(fit: Pick<DecayFit, 'stationPhi' | 'pairs' | 'sumProducts' | 'sumSquares'>, prior: DecayPrior = {}): DecayFit {
  const priorPhi = prior.priorPhi ?? DEFAULT_PRIOR_PHI;
  const priorPairs = prior.priorPairs ?? DEFAULT_PRIOR_PAIRS;
  const { stationPhi, pairs, sumProducts, sumSquares } = fit;
  const phi =
    stationPhi === null || pairs + priorPairs === 0
      ? priorPhi
      : (pairs * stationPhi + priorPairs * priorPhi) / (pairs + priorPairs);
  return { phi, stationPhi, pairs, sumProducts, sumSquares, priorPhi, priorPairs };
}

/**
 * One phi for a group of stations (a system, a cluster of similar ones): the least-squares slope
 * of all their pairs together, the prior to shrink each of them toward. Null when none deviated.
 */
export function pooledDecay(fits: readonly Pick<DecayFit, 'sumProducts' | 'sumSquares'>[]): number | null {
  let products = 0;
  let squares = 0;
  for (const fit of fits) {
    products += fit.sumProducts;
    squares += fit.sumSquares;
  }
  return squares > 0 ? clampUnit(products / squares) : null;
}
