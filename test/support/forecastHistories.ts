/** Test helpers: hand-built station histories in UTC hours from a Monday. Not for app code. */
import { fixedOffsetClock } from '../../lib/forecast/clock';
import type { HourObservation, LocalHourLabel, StationNow } from '../../lib/forecast/types';

export const HOUR = 3600;
/** 2026-03-02T00:00Z, a Monday: entry i of a history is i hours later. */
export const MONDAY = Date.UTC(2026, 2, 2) / 1000;
export const UTC = fixedOffsetClock(0);

/** 0, 1, … 12 at noon, … 1 at 23:00: a daily wave whose hour-to-hour change is always 1. */
export const triangle = (hour: number) => Math.min(hour, 24 - hour);

export interface Shares {
  full: number;
  empty: number;
}

/**
 * `length` hours from MONDAY, entry i with mean bikes bikesAt(i, label) (null: unobserved) and
 * the full and empty shares of sharesAt (none full or empty by default).
 */
export function utcHistory(
  length: number,
  bikesAt: (index: number, label: LocalHourLabel) => number | null,
  sharesAt: (index: number, label: LocalHourLabel) => Shares = () => ({ full: 0, empty: 0 }),
): HourObservation[] {
  return Array.from({ length }, (_, index) => {
    const hourStart = MONDAY + index * HOUR;
    const label = UTC.localHourOf(hourStart);
    const bikes = bikesAt(index, label);
    const shares = sharesAt(index, label);
    return bikes === null
      ? { hourStart, ...label, meanBikes: null, fullShare: null, emptyShare: null }
      : { hourStart, ...label, meanBikes: bikes, fullShare: shares.full, emptyShare: shares.empty };
  });
}

/** The state "now" in hour `index` of a utcHistory. */
export function nowAtIndex(index: number, bikes: number, shares: Shares = { full: 0, empty: 0 }): StationNow {
  const hourStart = MONDAY + index * HOUR;
  return { hourStart, ...UTC.localHourOf(hourStart), bikes, fullShare: shares.full, emptyShare: shares.empty };
}

/** A small seeded generator (mulberry32): the same numbers on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
