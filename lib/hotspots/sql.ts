/** Read queries behind the public API; they only ever touch the rollups (hourly and daily) and descriptions. */
import { sql } from 'drizzle-orm';
import type { WindowFigures } from '@/lib/hotspots/types';
import type { Db } from '@/db/client';
import { eachIntegral, isEveryDay, isWholeDays, runSlices, sliceRows, slotSum, weekdaySlices, type PeriodSelection } from './dailySql';
import { queryRows, type Executor } from '@/db/rows';
import { arrayLiteral } from '@/db/unnestRows';

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

/**
 * Per station and cell, the integrals summed over the selected hours of every selected day (a
 * period's value), for those observed in it: what station_hourly gives summed over the same
 * windows, read from the daily tier as differences of its slices, two for a run of whole days,
 * two per weekday otherwise, whatever the period's length.
 */
export async function periodFigures(db: Db, systemId: string, selection: PeriodSelection): Promise<WindowFigures[]> {
  const signed =
    isWholeDays(selection) && isEveryDay(selection)
      ? sql`select d.station_id, d.h3, ${eachIntegral((i) => `e.sign * d.${i}_to_date as ${i}_s`)}
            from ${sliceRows(systemId, runSlices(systemId, selection))}`
      : sql`select d.station_id, d.h3, ${eachIntegral((i) => `e.sign * ${slotSum(`d.${i}_weekday_slots`, selection)} as ${i}_s`)}
            from ${sliceRows(systemId, weekdaySlices(systemId, selection))}`;
  // Materialized: the sums then group narrow rows, not the slices' 1.9 kB rows, which the planner
  // would otherwise sort whole (and spill to disk) before computing them.
  return queryRows<WindowFigures>(
    db,
    sql`with signed as materialized (${signed})
        select station_id as "stationId", h3, ${figureSums} from signed group by station_id, h3 having sum(observed_s) > 0`,
  );
}

/**
 * The selected days with any observed station time in their selected hours: a station or cell
 * whose totals grew since the day before (whole days), or whose weekday slots since a week before.
 */
export async function observedDays(db: Db, systemId: string, selection: PeriodSelection): Promise<string[]> {
  const whole = isWholeDays(selection);
  const earned = (row: string) => sql.raw(whole ? `${row}.observed_to_date` : slotSum(`${row}.observed_weekday_slots`, selection));
  const before = sql.raw(whole ? '1' : '7');
  // A lateral probe per day, which stops at the first station that earned: the planner would
  // rather hash the whole table for an EXISTS.
  const rows = await queryRows<{ day: string }>(
    db,
    sql`select to_char(s.day, 'YYYY-MM-DD') as day
        from generate_series(${selection.start}::date, ${selection.end}::date, interval '1 day') as g(t)
        cross join lateral (select g.t::date as day) s
        cross join lateral (
          select 1 from station_daily x
          left join station_daily y on y.system_id = x.system_id and y.local_day = x.local_day - ${before} and y.station_id = x.station_id and y.h3 = x.h3
          where x.system_id = ${systemId} and x.local_day = s.day and ${earned('x')} > coalesce(${earned('y')}, 0)
          limit 1) earned
        where extract(isodow from s.day)::int = any(${arrayLiteral(selection.weekdays, 'int')}::int[])
        order by s.day`,
  );
  return rows.map((r) => r.day);
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

