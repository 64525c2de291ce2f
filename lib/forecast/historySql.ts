/** What a forecast is fitted on and started from: the stations' hourly figures, capacities and newest states. */
import { sql } from 'drizzle-orm';
import type { HourRow } from '@/lib/forecast/histories';
import { queryRows, type Executor } from '@/db/rows';
import { zoneClock } from './clock';
import { SECONDS_PER_HOUR } from './thresholds';

/**
 * Every station's hours starting in [from, until), its cells added up, in time order per station.
 * A month of a 1,500-station system is a million hours: they travel as one row per station, each
 * figure an array, since parsing a million result rows cost the embedded engine four times what
 * the query does (float8 text is exact both ways, so the figures are the same).
 */
export async function stationHourFigures(db: Executor, systemId: string, from: number, until: number): Promise<HourRow[]> {
  const stations = await queryRows<{ stationId: string; hourStart: number[]; observedS: number[]; bikeS: number[]; fullS: number[]; emptyS: number[] }>(
    db,
    sql`select station_id as "stationId", array_agg(hour_start order by hour_start) as "hourStart",
               array_agg(observed_s order by hour_start) as "observedS", array_agg(bike_s order by hour_start) as "bikeS",
               array_agg(full_s order by hour_start) as "fullS", array_agg(empty_s order by hour_start) as "emptyS"
        from (select station_id, extract(epoch from hour_start)::float8 as hour_start,
                     sum(observed_s)::float8 as observed_s, sum(bike_s)::float8 as bike_s, sum(full_s)::float8 as full_s, sum(empty_s)::float8 as empty_s
              from station_hourly
              where system_id = ${systemId} and hour_start >= to_timestamp(${from}) and hour_start < to_timestamp(${until})
              group by station_id, hour_start) hours
        group by station_id
        order by station_id`,
  );
  const rows: HourRow[] = [];
  for (const { stationId, hourStart, observedS, bikeS, fullS, emptyS } of stations) {
    for (let i = 0; i < hourStart.length; i++) {
      rows.push({ stationId, hourStart: hourStart[i], observedS: observedS[i], bikeS: bikeS[i], fullS: fullS[i], emptyS: emptyS[i] });
    }
  }
  return rows;
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

/** Feed times of the system's polls in [from, until), in order. */
export async function pollTimes(db: Executor, systemId: string, from: number, until: number): Promise<number[]> {
  const rows = await queryRows<{ at: number }>(
    db,
    sql`select extract(epoch from feed_time)::float8 as at from polls
        where system_id = ${systemId} and feed_time >= to_timestamp(${from}) and feed_time < to_timestamp(${until})
        order by feed_time`,
  );
  return rows.map((row) => row.at);
}

/** A station's newest raw status at or before a poll, bucketed by `pollStatuses`. */
export interface BucketedStatus {
  stationId: string;
  /** The status belongs to every poll from `bucket` (index into the polls) until the next one's bucket. */
  bucket: number;
  bikes: number;
  docks: number;
  /** Listed and installed. */
  observed: boolean;
}

/** How far before the first poll a station's last change is looked for. */
const STATUS_LOOKBACK_SECONDS = 2 * 86_400;

/**
 * For each station, its last raw status before each of `polls` (sorted) and after the previous
 * one: raw statuses are stored only when they change, so a station's state at poll i is its row
 * of the latest bucket ≤ i. The database picks the rows (one per station and bucket at most),
 * so a month of a 1,500-station system's changes never crosses the wire.
 */
export async function pollStatuses(db: Executor, systemId: string, polls: readonly number[]): Promise<BucketedStatus[]> {
  if (polls.length === 0) return [];
  // width_bucket counts the thresholds ≤ the feed time: a threshold just after each poll puts the
  // status stored by poll i (feed time = poll i) in bucket i, and one stored later in the hour in i + 1.
  const thresholds = `{${polls.map((at) => new Date(at * 1000 + 1).toISOString()).join(',')}}`;
  const from = polls[0] - STATUS_LOOKBACK_SECONDS;
  const until = polls[polls.length - 1] + 1;
  // One row per station, as stationHourFigures: a row per (station, poll) is as many rows as hours.
  const stations = await queryRows<{ stationId: string; bucket: number[]; bikes: number[]; docks: number[]; observed: boolean[] }>(
    db,
    sql`select station_id as "stationId", array_agg(bucket order by bucket) as bucket, array_agg(bikes order by bucket) as bikes,
               array_agg(docks order by bucket) as docks, array_agg(observed order by bucket) as observed
        from (select distinct on (station_id, bucket) station_id, bucket, bikes, docks, observed
              from (select station_id, width_bucket(feed_time, ${thresholds}::timestamptz[]) as bucket, feed_time, bikes, docks,
                           (present and is_installed) as observed
                    from station_status
                    where system_id = ${systemId} and feed_time >= to_timestamp(${from}) and feed_time < to_timestamp(${until})) s
              order by station_id, bucket, feed_time desc) latest
        group by station_id
        order by station_id`,
  );
  const statuses: BucketedStatus[] = [];
  for (const { stationId, bucket, bikes, docks, observed } of stations) {
    for (let i = 0; i < bucket.length; i++) statuses.push({ stationId, bucket: bucket[i], bikes: bikes[i], docks: docks[i], observed: observed[i] });
  }
  return statuses;
}
