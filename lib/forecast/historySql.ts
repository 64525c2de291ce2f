/** What a forecast is fitted on and started from: the stations' hourly figures, capacities and newest states. */
import { sql } from 'drizzle-orm';
import type { HourRow } from '@/lib/forecast/histories';
import { queryRows, type Executor } from '@/db/rows';
import { zoneClock } from './clock';
import { SECONDS_PER_HOUR } from './thresholds';

/** Every station's hours starting in [from, until), its cells added up, in time order per station. */
export async function stationHourFigures(db: Executor, systemId: string, from: number, until: number): Promise<HourRow[]> {
  return queryRows<HourRow>(
    db,
    sql`select station_id as "stationId", extract(epoch from hour_start)::float8 as "hourStart",
               sum(observed_s)::float8 as "observedS", sum(bike_s)::float8 as "bikeS",
               sum(full_s)::float8 as "fullS", sum(empty_s)::float8 as "emptyS"
        from station_hourly
        where system_id = ${systemId} and hour_start >= to_timestamp(${from}) and hour_start < to_timestamp(${until})
        group by station_id, hour_start
        order by station_id, hour_start`,
  );
}

/** A listed station as of the newest poll: its description and its counts. */
export interface StationNowRow {
  stationId: string;
  name: string;
  h3: string;
  lat: number;
  lon: number;
  /** The feed's capacity, or null when it gives none. */
  capacity: number | null;
  bikes: number;
  docks: number;
  /** Whether the newest poll listed it, installed. */
  active: boolean;
}

export async function stationsNow(db: Executor, systemId: string): Promise<StationNowRow[]> {
  return queryRows<StationNowRow>(
    db,
    sql`select s.station_id as "stationId", s.name, st.h3, s.lat, s.lon, s.capacity, st.bikes, st.docks,
               (st.present and st.is_installed) as active
        from stations s join station_state st on st.system_id = s.system_id and st.station_id = s.station_id
        where s.system_id = ${systemId}
        order by s.station_id`,
  );
}

/** First and newest hour with figures: how much history a system has. */
export async function hourlySpan(db: Executor, systemId: string): Promise<{ first: number | null; last: number | null }> {
  const [row] = await queryRows<{ first: number | null; last: number | null }>(
    db,
    sql`select extract(epoch from min(hour_start))::float8 as first, extract(epoch from max(hour_start))::float8 as last
        from station_hourly where system_id = ${systemId}`,
  );
  return row ?? { first: null, last: null };
}

/** Hours from the first stored hour to the start of the local hour of `feedTime`. */
export const hoursBetween = (first: number | null, system: { timezone: string }, feedTime: number) =>
  first === null ? 0 : Math.max(0, (zoneClock(system.timezone).hourStartOf(feedTime) - first) / SECONDS_PER_HOUR);

/** Hours from the system's first stored hour to the start of the newest poll's hour. */
export async function historyHours(db: Executor, system: { id: string; timezone: string }, feedTime: number): Promise<number> {
  return hoursBetween((await hourlySpan(db, system.id)).first, system, feedTime);
}
