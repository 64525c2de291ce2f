/**
 * The model's profile: a station's weekday × hour means over the last weeks, each cell trusted
 * only as far as its own observations agree with one another. Four weeks give a cell four
 * observations: on a real feed (Oslo) they scatter so much that a plain cell mean mostly repeats
 * its own noise (bench/forecast.ts). So each level is shrunk toward the one above it, by counts,
 * with the empirical-Bayes weight of a random-effects model:
 *
 *   hour of day   H(h)     = mean of every observation at hour h
 *   day type      D(t, h)  = (S(t, h) + K₁ · H(h)) / (n(t, h) + K₁)     t: Monday–Friday or Saturday–Sunday
 *   cell          C(w, h)  = (S(w, h) + K₂ · D(t(w), h)) / (n(w, h) + K₂)
 *
 * S and n are a group's sum and count. K = s² / τ², s² the variance of single observations
 * within their groups (pooled), τ² how much the group means really differ from their parents
 * (the spread of the group means about their parents, less the part s² / n that noise alone
 * explains; at least 0). Groups that agree perfectly within (s² = 0) keep their own means
 * (K = 0); groups that do not differ beyond noise (τ² = 0) take their parent's (K = ∞). The
 * full and empty shares are shrunk with the bikes' weights. An hour never observed has no value.
 *
 * The seasonal baseline keeps the plain cell means (seasonalProfile.ts).
 */
import { observedBetween } from './series';
import type { SeasonalProfile } from './seasonalProfile';
import { SECONDS_PER_WEEK } from './thresholds';
import type { HourObservation, ProfileValue } from './types';

interface Group {
  n: number;
  bikes: number;
  squares: number;
  full: number;
  empty: number;
}

const emptyGroup = (): Group => ({ n: 0, bikes: 0, squares: 0, full: 0, empty: 0 });

/** Monday–Friday 0, Saturday–Sunday 1. */
export const dayTypeOf = (weekday: number) => (weekday >= 6 ? 1 : 0);

/** The shrinkage weight K = s² / τ² of `groups` toward `parents` (same length; parent null: left out). */
export function shrinkageWeight(groups: readonly Group[], parents: readonly (number | null)[]): number {
  let within = 0;
  let degrees = 0;
  for (const group of groups) {
    if (group.n === 0) continue;
    within += group.squares - (group.bikes * group.bikes) / group.n;
    degrees += group.n - 1;
  }
  const s2 = degrees > 0 ? Math.max(0, within / degrees) : 0;
  let spread = 0;
  let counted = 0;
  groups.forEach((group, i) => {
    const parent = parents[i];
    if (group.n === 0 || parent === null) return;
    spread += (group.bikes / group.n - parent) ** 2 - s2 / group.n;
    counted++;
  });
  const tau2 = counted > 0 ? Math.max(0, spread / counted) : 0;
  if (s2 === 0) return 0;
  return tau2 === 0 ? Number.POSITIVE_INFINITY : s2 / tau2;
}

interface Level {
  bikes: number;
  pFull: number;
  pEmpty: number;
}

function shrink(group: Group, parent: Level, weight: number): Level {
  if (weight === Number.POSITIVE_INFINITY || group.n === 0) return parent;
  const total = group.n + weight;
  return {
    bikes: (group.bikes + weight * parent.bikes) / total,
    pFull: (group.full + weight * parent.pFull) / total,
    pEmpty: (group.empty + weight * parent.pEmpty) / total,
  };
}

export interface ShrunkProfile extends SeasonalProfile {
  /** K₁ (day type toward hour of day) and K₂ (cell toward day type). */
  weights: { dayType: number; cell: number };
}

export function shrunkProfile(history: readonly HourObservation[], options: { weeks: number; until: number }): ShrunkProfile {
  const { weeks, until } = options;
  const from = until - weeks * SECONDS_PER_WEEK;
  const observed = observedBetween(history, from, until);
  const cells = Array.from({ length: 7 * 24 }, emptyGroup);
  const dayTypes = Array.from({ length: 2 * 24 }, emptyGroup);
  const hours = Array.from({ length: 24 }, emptyGroup);
  for (const entry of observed) {
    const x = entry.meanBikes;
    for (const group of [cells[(entry.weekday - 1) * 24 + entry.hour], dayTypes[dayTypeOf(entry.weekday) * 24 + entry.hour], hours[entry.hour]]) {
      group.n++;
      group.bikes += x;
      group.squares += x * x;
      group.full += entry.fullShare;
      group.empty += entry.emptyShare;
    }
  }

  const hourLevels: (Level | null)[] = hours.map((group) =>
    group.n === 0 ? null : { bikes: group.bikes / group.n, pFull: group.full / group.n, pEmpty: group.empty / group.n },
  );
  const dayTypeWeight = shrinkageWeight(dayTypes, dayTypes.map((_, i) => hourLevels[i % 24]?.bikes ?? null));
  const dayTypeLevels = dayTypes.map((group, i) => {
    const parent = hourLevels[i % 24];
    return parent === null ? null : shrink(group, parent, dayTypeWeight);
  });
  const cellParent = (i: number) => dayTypeLevels[dayTypeOf(Math.floor(i / 24) + 1) * 24 + (i % 24)];
  const cellWeight = shrinkageWeight(cells, cells.map((_, i) => cellParent(i)?.bikes ?? null));
  const values: (ProfileValue | null)[] = cells.map((group, i) => {
    const parent = cellParent(i);
    return parent === null ? null : shrink(group, parent, cellWeight);
  });
  return { kind: 'weekday-hour', weeks, from, until, observations: observed.length, values, weights: { dayType: dayTypeWeight, cell: cellWeight } };
}
