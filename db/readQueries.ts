/** Read queries behind the public API; they only ever touch the hourly rollups and descriptions. */
import { sql } from 'drizzle-orm';
import type { WindowFigures } from '@/lib/hotspots/types';
import type { Db } from './client';
import { queryRows, type Executor } from './rows';
import type { IngestStatus } from './schema';

export interface StoredSystem {
  id: string;
  name: string;
  timezone: string;
}

export async function findSystem(db: Executor, systemId: string): Promise<StoredSystem | null> {
  const [row] = await queryRows<StoredSystem>(db, sql`select id, name, timezone from systems where id = ${systemId}`);
  return row ?? null;
}

export const figureSums = sql`sum(observed_s)::float8 as "observedS", sum(bike_s)::float8 as "bikeS", sum(typed_s)::float8 as "typedS",
  sum(ebike_s)::float8 as "ebikeS", sum(mechanical_s)::float8 as "mechanicalS", sum(dock_s)::float8 as "dockS",
  sum(full_s)::float8 as "fullS", sum(empty_s)::float8 as "emptyS"`;

/** Per station and cell, the integrals over [start, end) (epoch seconds at local hour starts). */
export async function windowFigures(db: Db, systemId: string, start: number, end: number, cells?: string[]): Promise<WindowFigures[]> {
  const inCells = cells ? sql`and h3 in (select json_array_elements_text(${JSON.stringify(cells)}::json))` : sql``;
  return queryRows<WindowFigures>(
    db,
    sql`select station_id as "stationId", h3, ${figureSums}
        from station_hourly
        where system_id = ${systemId} and hour_start >= to_timestamp(${start}) and hour_start < to_timestamp(${end}) ${inCells}
        group by station_id, h3`,
  );
}

/** Instant ranges [start, end) as a join source: a period of many windows is one query. */
const rangesTable = (ranges: ReadonlyArray<{ start: number; end: number }>) =>
  sql`(select (r.value->>0)::int as i, (r.value->>1)::float8 as s, (r.value->>2)::float8 as e
       from json_array_elements(${JSON.stringify(ranges.map((r, i) => [i, r.start, r.end]))}::json) as r(value)) as w`;

/** Per station and cell, the integrals summed over every range (a period's selected hours). */
export async function periodFigures(db: Db, systemId: string, ranges: ReadonlyArray<{ start: number; end: number }>): Promise<WindowFigures[]> {
  if (ranges.length === 1) return windowFigures(db, systemId, ranges[0].start, ranges[0].end);
  return queryRows<WindowFigures>(
    db,
    sql`select station_id as "stationId", h3, ${figureSums}
        from ${rangesTable(ranges)}
        join station_hourly on system_id = ${systemId} and hour_start >= to_timestamp(w.s) and hour_start < to_timestamp(w.e)
        group by station_id, h3`,
  );
}

/** The indexes of the ranges with any observed station time. */
export async function observedRanges(db: Db, systemId: string, ranges: ReadonlyArray<{ start: number; end: number }>): Promise<number[]> {
  const rows = await queryRows<{ i: number }>(
    db,
    sql`select w.i from ${rangesTable(ranges)}
        where exists (select 1 from station_hourly
                      where system_id = ${systemId} and hour_start >= to_timestamp(w.s) and hour_start < to_timestamp(w.e) and observed_s > 0)
        order by w.i`,
  );
  return rows.map((r) => r.i);
}

export interface HourlyRow extends WindowFigures {
  hourStart: number;
}

export async function hourlyFigures(db: Db, systemId: string, start: number, end: number, cells: string[]): Promise<HourlyRow[]> {
  return queryRows<HourlyRow>(
    db,
    sql`select extract(epoch from hour_start)::float8 as "hourStart", station_id as "stationId", h3, ${figureSums}
        from station_hourly
        where system_id = ${systemId} and hour_start >= to_timestamp(${start}) and hour_start < to_timestamp(${end})
          and h3 in (select json_array_elements_text(${JSON.stringify(cells)}::json))
        group by hour_start, station_id, h3
        order by hour_start`,
  );
}

export interface DataVersion {
  /** Feed time (epoch s) of the newest stored poll: every stored figure changes only with it. */
  newestPoll: number | null;
  /** First and last hour (epoch s) that have rollups. */
  first: number | null;
  last: number | null;
}

export async function dataVersion(db: Db, systemId: string): Promise<DataVersion> {
  const [row] = await queryRows<DataVersion>(
    db,
    sql`select (select extract(epoch from max(feed_time))::float8 from polls where system_id = ${systemId}) as "newestPoll",
          (select extract(epoch from min(hour_start))::float8 from station_hourly where system_id = ${systemId}) as first,
          (select extract(epoch from max(hour_start))::float8 from station_hourly where system_id = ${systemId}) as last`,
  );
  return row;
}

export interface StationSummary {
  stationId: string;
  name: string;
  code: string | null;
  capacity: number | null;
  lat: number;
  lon: number;
}

export async function describeStations(db: Db, systemId: string, stationIds: string[]): Promise<StationSummary[]> {
  if (stationIds.length === 0) return [];
  return queryRows<StationSummary>(
    db,
    sql`select station_id as "stationId", name, code, capacity, lat, lon from stations
        where system_id = ${systemId} and station_id in (select json_array_elements_text(${JSON.stringify(stationIds)}::json))`,
  );
}

export interface LastAttempt {
  systemId: string;
  /** epoch s the attempt finished */
  at: number;
  status: IngestStatus;
  reason: string | null;
}

/** The newest poll attempt of each system, whatever its outcome (the run log's newest row). */
export async function lastAttempts(db: Db, systemIds: string[]): Promise<LastAttempt[]> {
  if (systemIds.length === 0) return [];
  return queryRows<LastAttempt>(
    db,
    sql`select s.id as "systemId", extract(epoch from r.finished_at)::float8 as at, r.status, r.reason
        from json_array_elements_text(${JSON.stringify(systemIds)}::json) as s(id)
        cross join lateral (
          select finished_at, status, reason from ingest_runs
          where system_id = s.id order by started_at desc, id desc limit 1) r`,
  );
}

export interface SystemOverview extends StoredSystem {
  stations: number;
  firstHour: number | null;
  lastHour: number | null;
  lastPoll: number | null;
  west: number | null;
  south: number | null;
  east: number | null;
  north: number | null;
  centerLat: number | null;
  centerLon: number | null;
}

export async function systemOverviews(db: Db): Promise<SystemOverview[]> {
  return queryRows<SystemOverview>(
    db,
    sql`select s.id, s.name, s.timezone,
          coalesce(st.stations, 0)::int as stations, st.west, st.south, st.east, st.north, st."centerLat", st."centerLon",
          (select extract(epoch from min(hour_start))::float8 from station_hourly h where h.system_id = s.id) as "firstHour",
          (select extract(epoch from max(hour_start))::float8 from station_hourly h where h.system_id = s.id) as "lastHour",
          (select extract(epoch from max(feed_time))::float8 from polls p where p.system_id = s.id) as "lastPoll"
        from systems s
        left join lateral (
          select count(*) as stations,
            percentile_cont(0.02) within group (order by lon) as west, percentile_cont(0.02) within group (order by lat) as south,
            percentile_cont(0.98) within group (order by lon) as east, percentile_cont(0.98) within group (order by lat) as north,
            percentile_cont(0.5) within group (order by lat) as "centerLat", percentile_cont(0.5) within group (order by lon) as "centerLon"
          from stations where system_id = s.id
        ) st on true
        order by s.id`,
  );
}
