/**
 * The rows of a data export, one keyset page at a time: each query resumes after the last row of
 * the previous page, in an order an index delivers, so a page costs the same at the end of a
 * year as at its start and no engine-specific cursor is needed (PGlite and postgres.js alike).
 * Instants travel as epoch seconds (float8): both drivers answer them as plain numbers.
 */
import { sql } from 'drizzle-orm';
import type { HourlyFigures } from '@/lib/hotspots/types';
import { queryRows, type Executor } from '../../db/rows';

/** [start, end) in epoch seconds. */
export interface InstantRange {
  start: number;
  end: number;
}

export interface HourlyExportRow extends HourlyFigures {
  /** The station's current description; null only for a rollup of a station since forgotten. */
  name: string | null;
  code: string | null;
}

/** The primary key of station_hourly (after system_id): where the next page starts. */
export interface HourlyCursor {
  hourStart: number;
  stationId: string;
  h3: string;
}

export async function hourlyExportPage(
  db: Executor,
  systemId: string,
  range: InstantRange,
  after: HourlyCursor | null,
  limit: number,
): Promise<HourlyExportRow[]> {
  const resume = after
    ? sql`and (h.hour_start, h.station_id, h.h3) > (to_timestamp(${after.hourStart}), ${after.stationId}, ${after.h3})`
    : sql``;
  return queryRows<HourlyExportRow>(
    db,
    sql`select extract(epoch from h.hour_start)::float8 as "hourStart", h.station_id as "stationId", h.h3, s.name, s.code,
          h.observed_s as "observedS", h.bike_s as "bikeS", h.typed_s as "typedS", h.ebike_s as "ebikeS",
          h.mechanical_s as "mechanicalS", h.dock_s as "dockS", h.full_s as "fullS", h.empty_s as "emptyS"
        from station_hourly h
        left join stations s on s.system_id = h.system_id and s.station_id = h.station_id
        where h.system_id = ${systemId} and h.hour_start >= to_timestamp(${range.start}) and h.hour_start < to_timestamp(${range.end})
          ${resume}
        order by h.hour_start, h.station_id, h.h3
        limit ${limit}`,
  );
}

export interface StatusExportRow {
  feedTime: number;
  stationId: string;
  name: string | null;
  code: string | null;
  present: boolean;
  isInstalled: boolean;
  isRenting: boolean;
  isReturning: boolean;
  bikes: number;
  docks: number;
  ebikes: number | null;
  mechanical: number | null;
  lastReported: number | null;
}

export interface StatusCursor {
  feedTime: number;
  stationId: string;
}

/**
 * Statuses in poll order (feed time, then station). The index on (system_id, feed_time) gives the
 * time order; the station order inside one poll is a sort of that poll's rows only. The bound
 * `feed_time >= cursor` lets the index skip what was read; the row comparison drops the stations
 * of the cursor's poll already read.
 */
export async function statusExportPage(
  db: Executor,
  systemId: string,
  range: InstantRange,
  after: StatusCursor | null,
  limit: number,
): Promise<StatusExportRow[]> {
  const from = after ? Math.max(range.start, after.feedTime) : range.start;
  const resume = after ? sql`and (st.feed_time, st.station_id) > (to_timestamp(${after.feedTime}), ${after.stationId})` : sql``;
  return queryRows<StatusExportRow>(
    db,
    sql`select extract(epoch from st.feed_time)::float8 as "feedTime", st.station_id as "stationId", s.name, s.code,
          st.present, st.is_installed as "isInstalled", st.is_renting as "isRenting", st.is_returning as "isReturning",
          st.bikes, st.docks, st.ebikes, st.mechanical, extract(epoch from st.last_reported)::float8 as "lastReported"
        from station_status st
        left join stations s on s.system_id = st.system_id and s.station_id = st.station_id
        where st.system_id = ${systemId} and st.feed_time >= to_timestamp(${from}) and st.feed_time < to_timestamp(${range.end})
          ${resume}
        order by st.feed_time, st.station_id
        limit ${limit}`,
  );
}
