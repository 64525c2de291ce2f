/** Stored hourly figures as the forecast's per-station histories. */
import type { LocalClock } from './clock';
import { hourlySeries, localHoursBetween } from './hourlySeries';
import type { HourObservation, StationHistory } from './types';

export interface HourRow {
  stationId: string;
  hourStart: number;
  observedS: number;
  bikeS: number;
  fullS: number;
  emptyS: number;
}

/**
 * The clamp of a station's forecast: the feed's capacity, or bikes + docks now when it gives
 * none or fewer (a feed's capacity can leave out docks that are in use).
 */
export const capacityOf = (station: { capacity: number | null; bikes: number; docks: number }) =>
  Math.max(station.capacity ?? 0, station.bikes + station.docks);

/** One history per station of `capacities`, every local hour from `from` to `until`, gaps as nulls. */
export function stationHistories(
  rows: readonly HourRow[],
  capacities: ReadonlyMap<string, number>,
  clock: LocalClock,
  range: { from: number; until: number },
): Map<string, StationHistory> {
  const rowsByStation = new Map<string, HourRow[]>();
  for (const row of rows) {
    const list = rowsByStation.get(row.stationId);
    if (list === undefined) rowsByStation.set(row.stationId, [row]);
    else list.push(row);
  }
  // One list of the local hours for every station: the clock is asked once per hour, not per station-hour.
  const hours = localHoursBetween(clock, range.from, range.until);
  const histories = new Map<string, StationHistory>();
  for (const [stationId, capacity] of capacities) {
    histories.set(stationId, { capacity, hours: hourlySeries(rowsByStation.get(stationId) ?? [], clock, { ...range, hours }) });
  }
  return histories;
}

/** The first poll of each local hour among `polls` (sorted): what a live forecast kept for that hour is issued from. */
export function firstPollOfEachHour(polls: readonly number[], clock: LocalClock): number[] {
  const first: number[] = [];
  let lastHour = Number.NEGATIVE_INFINITY;
  for (const at of polls) {
    const hourStart = clock.hourStartOf(at);
    if (hourStart > lastHour) {
      first.push(at);
      lastHour = hourStart;
    }
  }
  return first;
}

/** A station's raw status as of a poll (pollStatuses in historySql.ts). */
export interface StatusAtPoll {
  stationId: string;
  bucket: number;
  bikes: number;
  docks: number;
  observed: boolean;
}

/**
 * Gives every hour of the histories its `poll`: the station as the hour's first poll (`polls[i]`,
 * one per hour) saw it, from the statuses bucketed by poll (in station, bucket order); null where
 * that poll did not see it observed, or the hour had no poll.
 */
export function attachPollStates(
  histories: ReadonlyMap<string, StationHistory>,
  polls: readonly number[],
  statuses: readonly StatusAtPoll[],
  clock: LocalClock,
): void {
  const byStation = new Map<string, StatusAtPoll[]>();
  for (const status of statuses) {
    const list = byStation.get(status.stationId);
    if (list === undefined) byStation.set(status.stationId, [status]);
    else list.push(status);
  }
  for (const [stationId, history] of histories) {
    const hours = history.hours as HourObservation[];
    const own = byStation.get(stationId) ?? [];
    let next = 0;
    let current: StatusAtPoll | null = null;
    let entry = 0;
    for (const hour of hours) hour.poll = null;
    polls.forEach((at, i) => {
      while (next < own.length && own[next].bucket <= i) current = own[next++];
      const hourStart = clock.hourStartOf(at);
      while (entry < hours.length && hours[entry].hourStart < hourStart) entry++;
      if (entry >= hours.length || hours[entry].hourStart !== hourStart) return;
      const state: StatusAtPoll | null = current;
      hours[entry].poll = state !== null && state.observed ? { bikes: state.bikes, docks: state.docks, secondsIntoHour: at - hourStart } : null;
    });
  }
}
