/**
 * The typical week (GET /api/profile) read from the daily tier, measured beside the hourly
 * rollups (db/profile.ts reads those). Each weekday is the difference of two slices' weekday
 * slots (db/dailySql.ts): 14 slices whatever the period's length, the hour being the slot (both
 * 02:00 hours of a fall-back day in 2, as db/profile.ts counts them).
 * - weekHourFiguresFromDaily: the rows db/profile.ts weekHourFigures gives (per weekday, hour,
 *   station and cell), for lib/read/profile.ts as it is;
 * - weekHourCells*: the 168 cells summed in the database, what the metrics need of them (a
 *   station's average counts once per cell, as hexagonFigures does), so that the answer no longer
 *   carries 1,500 × 168 rows to JavaScript.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { eachIntegral, sliceRows, weekdaySlices } from '@/db/dailySql';
import type { WeekHourFigures } from '@/db/profile';
import { figureSums } from '@/db/readQueries';
import { queryRows } from '@/db/rows';

const EVERY_WEEKDAY = [1, 2, 3, 4, 5, 6, 7];

/** Per weekday, slot (1..24), station and cell, one row of each of the week's two slices, signed. */
const signedSlots = (systemId: string, start: string, end: string) => sql`
  select e.weekday, u.slot, d.station_id, d.h3, ${eachIntegral((i) => `e.sign * u.${i}_slot as ${i}_s`)}
  from ${sliceRows(systemId, weekdaySlices(systemId, { start, end, weekdays: EVERY_WEEKDAY }))}
  cross join lateral unnest(${eachIntegral((i) => `d.${i}_weekday_slots`)}) with ordinality as u(${eachIntegral((i) => `${i}_slot`)}, slot)`;

export async function weekHourFiguresFromDaily(db: Db, systemId: string, start: string, end: string): Promise<WeekHourFigures[]> {
  return queryRows<WeekHourFigures>(
    db,
    sql`with signed as materialized (${signedSlots(systemId, start, end)})
        select weekday, (slot - 1)::int as hour, station_id as "stationId", h3, ${figureSums}
        from signed
        group by weekday, slot, station_id, h3
        having sum(observed_s) > 0`,
  );
}

/** A typical week's cell: the sums every metric is computed from. */
export interface WeekHourCell {
  weekday: number;
  hour: number;
  observedS: number;
  bikeS: number;
  dockS: number;
  fullS: number;
  emptyS: number;
  /** Σ over stations of bikeS / observedS (the `bikes` metric). */
  bikes: number;
  /** Σ over stations with typed time of ebikeS / typedS, mechanicalS / typedS; null when none. */
  ebikes: number | null;
  mechanical: number | null;
}

/** The cells from per-(weekday, hour, station, cell) figures, as lib/hotspots/aggregate.ts hexagonFigures sums them. */
const cellsOf = (perStation: SQL) => sql`
  select weekday, hour, sum(observed_s)::float8 as "observedS", sum(bike_s)::float8 as "bikeS", sum(dock_s)::float8 as "dockS",
    sum(full_s)::float8 as "fullS", sum(empty_s)::float8 as "emptyS",
    coalesce(sum(bike_s / observed_s) filter (where observed_s > 0), 0)::float8 as bikes,
    sum(ebike_s / typed_s) filter (where typed_s > 0)::float8 as ebikes,
    sum(mechanical_s / typed_s) filter (where typed_s > 0)::float8 as mechanical
  from (${perStation}) per_station
  group by weekday, hour
  having sum(observed_s) > 0
  order by weekday, hour`;

/**
 * From the daily tier: the end and start slices of each weekday joined per station and cell, so
 * that the differences come out per station without a grouping of 252,000 groups.
 */
export async function weekHourCellsFromDaily(db: Db, systemId: string, start: string, end: string): Promise<WeekHourCell[]> {
  const slices = weekdaySlices(systemId, { start, end, weekdays: EVERY_WEEKDAY });
  return queryRows<WeekHourCell>(
    db,
    cellsOf(sql`
      select e.weekday, (u.slot - 1)::int as hour, ${eachIntegral((i) => `u.${i}_end - coalesce(u.${i}_before, 0) as ${i}_s`)}
      from (select weekday, day from (${slices}) s where sign > 0) e
      left join (select weekday, day from (${slices}) s where sign < 0) b on b.weekday = e.weekday
      cross join lateral (select * from station_daily d where d.system_id = ${systemId} and d.local_day = e.day offset 0) d
      left join lateral (select * from station_daily p where p.system_id = ${systemId} and p.local_day = b.day
                           and p.station_id = d.station_id and p.h3 = d.h3 offset 0) p on true
      cross join lateral unnest(${eachIntegral((i) => `d.${i}_weekday_slots, p.${i}_weekday_slots`)})
        with ordinality as u(${eachIntegral((i) => `${i}_end, ${i}_before`)}, slot)`),
  );
}

/** The same cells from the hourly rollups: db/profile.ts's grouping, then the cells. */
export async function weekHourCellsFromHourly(db: Db, systemId: string, timezone: string, start: number, end: number): Promise<WeekHourCell[]> {
  return queryRows<WeekHourCell>(
    db,
    cellsOf(sql`
      select extract(isodow from hour_start at time zone ${timezone})::int as weekday,
             extract(hour from hour_start at time zone ${timezone})::int as hour, station_id, h3,
             ${eachIntegral((i) => `sum(${i}_s) as ${i}_s`)}
      from station_hourly
      where system_id = ${systemId} and hour_start >= to_timestamp(${start}) and hour_start < to_timestamp(${end})
      group by 1, 2, station_id, h3`),
  );
}
