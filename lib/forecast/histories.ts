/** Stored hourly figures as the forecast's per-station histories. */
import type { LocalClock } from './clock';
import { hourlySeries, localHoursBetween } from './hourlySeries';
import type { StationHistory } from './types';

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
