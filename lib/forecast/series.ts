/** Reading a time-ordered history: observed hours, windows, and the ordering the backtest relies on. */
import type { HourObservation, ObservedHour, StationNow } from './types';

export const isObserved = (entry: HourObservation): entry is ObservedHour => entry.meanBikes !== null;

/** First index whose hourStart is ≥ `at` (binary search: the history is in time order). */
export function firstIndexAtOrAfter(history: readonly HourObservation[], at: number): number {
  let low = 0;
  let high = history.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (history[middle].hourStart < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Indices [start, end) of the entries with hourStart in [from, until). */
export function windowIndices(history: readonly HourObservation[], from: number, until: number): { start: number; end: number } {
  return { start: firstIndexAtOrAfter(history, from), end: firstIndexAtOrAfter(history, until) };
}

/** The observed entries with hourStart in [from, until), in order. */
export function observedBetween(history: readonly HourObservation[], from: number, until: number): ObservedHour[] {
  const { start, end } = windowIndices(history, from, until);
  const observed: ObservedHour[] = [];
  for (let i = start; i < end; i++) {
    const entry = history[i];
    if (isObserved(entry)) observed.push(entry);
  }
  return observed;
}

/** The first observed hour's start, or null. */
export function firstObservedAt(history: readonly HourObservation[]): number | null {
  for (const entry of history) if (isObserved(entry)) return entry.hourStart;
  return null;
}

/** Throws unless hourStart strictly increases: slicing by index is "before the origin" only then. */
export function assertTimeOrdered(history: readonly HourObservation[]): void {
  for (let i = 1; i < history.length; i++) {
    if (!(history[i].hourStart > history[i - 1].hourStart)) {
      throw new RangeError(`history is not in time order at index ${i} (${history[i - 1].hourStart} then ${history[i].hourStart})`);
    }
  }
}

/**
 * The state a forecast of entries o, o + 1, … starts from, in the hour of entry o − 1: the counts
 * of that hour's first poll (what a forecast issued live in that hour starts from), its trend
 * against the mean of the hour before; or, in a history without polls, that hour's mean. Null
 * when there is nothing to start from (not observed at that poll, or in that hour).
 */
export function originState(hours: readonly HourObservation[], o: number): StationNow | null {
  const entry = hours[o - 1];
  const before = o >= 2 ? hours[o - 2] : undefined;
  const previousMean = before !== undefined && isObserved(before) ? before.meanBikes : null;
  // One object literal each (no spread of a label object): asked for every origin of every fit.
  if (entry.poll === undefined) {
    if (!isObserved(entry)) return null;
    const trend = previousMean === null ? 0 : entry.meanBikes - previousMean;
    return {
      hourStart: entry.hourStart,
      weekday: entry.weekday,
      hour: entry.hour,
      bikes: entry.meanBikes,
      fullShare: entry.fullShare,
      emptyShare: entry.emptyShare,
      trend,
      secondsIntoHour: 0,
    };
  }
  if (entry.poll === null) return null;
  const { bikes, docks, secondsIntoHour } = entry.poll;
  return {
    hourStart: entry.hourStart,
    weekday: entry.weekday,
    hour: entry.hour,
    bikes,
    fullShare: docks === 0 ? 1 : 0,
    emptyShare: bikes === 0 ? 1 : 0,
    trend: previousMean === null ? 0 : bikes - previousMean,
    secondsIntoHour,
  };
}
