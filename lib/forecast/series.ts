/** Reading a time-ordered history: observed hours, windows, and the ordering the backtest relies on. */
import type { HourObservation, ObservedHour } from './types';

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
