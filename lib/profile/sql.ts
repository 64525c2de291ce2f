/**
 * The typical week (GET /api/profile) from the daily tiers, each weekday the difference of two
 * slices' weekday slots (lib/hotspots/dailySql.ts weekdaySlices): 14 slices whatever the period's length,
 * the hour being the slot (both 02:00 hours of a fall-back day in slot 2, as the local clock
 * counts them).
 * - weekHourSumsFromSystemDaily: the system's sums (system_daily), 14 rows; enough for the
 *   metrics that are ratios of sums.
 * - weekHourCellsFromDaily: per station (station_daily), for the per-station averages (`bikes`:
 *   Σ of each station's bikeS / observedS, which no stored sum gives) and for one hexagon; summed
 *   to the 168 cells in the database, so that 1,500 × 168 rows never cross into JavaScript.
 * - observedStationCount: the stations observed in the period, coverage's denominator.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { WeekHourCell, WeekHourSums } from '@/lib/profile/weekProfile';
import type { Db } from '../../db/client';
import { eachIntegral, runSlices, sliceRows, weekdaySlices, type PeriodSelection } from '../hotspots/dailySql';
import { figureSums } from '../hotspots/sql';
import { queryRows } from '../../db/rows';
import { arrayLiteral } from '../../db/unnestRows';

const EVERY_WEEKDAY = [1, 2, 3, 4, 5, 6, 7];
const wholePeriod = (start: string, end: string): PeriodSelection => ({ start, end, weekdays: EVERY_WEEKDAY, from: 0, to: 24 });
const inCells = (column: string, cells: readonly string[] | undefined): SQL =>
  cells === undefined ? sql`` : sql`and ${sql.raw(column)} = any(${arrayLiteral(cells, 'text')}::text[])`;

/** Per weekday and hour, the system's integrals over the period: each weekday's two system_daily rows, slot by slot. */
export async function weekHourSumsFromSystemDaily(db: Db, systemId: string, start: string, end: string): Promise<WeekHourSums[]> {
  // weekdaySlices finds the days in station_daily: system_daily has a row for each of them.
  return queryRows<WeekHourSums>(
    db,
    sql`select weekday, (slot - 1)::int as hour, ${figureSums}
        from (
          select e.weekday, u.slot, ${eachIntegral((i) => `e.sign * u.${i}_slot as ${i}_s`)}
          from (${weekdaySlices(systemId, wholePeriod(start, end))}) e
          join system_daily d on d.system_id = ${systemId} and d.local_day = e.day
          cross join lateral unnest(${eachIntegral((i) => `d.${i}_weekday_slots`)}) with ordinality as u(${eachIntegral((i) => `${i}_slot`)}, slot)
        ) signed
        group by weekday, slot
        having sum(observed_s) > 0
        order by weekday, slot`,
  );
}

/** The cells from per-(weekday, hour, station, cell) figures, as lib/hotspots/aggregate.ts hexagonFigures sums them. */
export const cellsOf = (perStation: SQL) => sql`
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
 * Per weekday and hour, the cells of every station (or of those in `cells`): the end and start
 * slices of each weekday joined per station and cell, so that the differences come out per
 * station without a grouping of 252,000 groups.
 */
export async function weekHourCellsFromDaily(db: Db, systemId: string, start: string, end: string, cells?: readonly string[]): Promise<WeekHourCell[]> {
  const slices = weekdaySlices(systemId, wholePeriod(start, end));
  return queryRows<WeekHourCell>(
    db,
    cellsOf(sql`
      select e.weekday, (u.slot - 1)::int as hour, ${eachIntegral((i) => `u.${i}_end - coalesce(u.${i}_before, 0) as ${i}_s`)}
      from (select weekday, day from (${slices}) s where sign > 0) e
      left join (select weekday, day from (${slices}) s where sign < 0) b on b.weekday = e.weekday
      cross join lateral (select * from station_daily d where d.system_id = ${systemId} and d.local_day = e.day ${inCells('d.h3', cells)} offset 0) d
      left join lateral (select * from station_daily p where p.system_id = ${systemId} and p.local_day = b.day
                           and p.station_id = d.station_id and p.h3 = d.h3 offset 0) p on true
      cross join lateral unnest(${eachIntegral((i) => `d.${i}_weekday_slots, p.${i}_weekday_slots`)})
        with ordinality as u(${eachIntegral((i) => `${i}_end, ${i}_before`)}, slot)`),
  );
}

/** Stations (of `cells`, if given) with observed time in the period: their totals to date grew over it. */
export async function observedStationCount(db: Db, systemId: string, start: string, end: string, cells?: readonly string[]): Promise<number> {
  const [row] = await queryRows<{ stations: number }>(
    db,
    sql`select count(*)::int as stations from (
          select d.station_id from ${sliceRows(systemId, runSlices(systemId, wholePeriod(start, end)))}
          where true ${inCells('d.h3', cells)}
          group by d.station_id
          having sum(e.sign * d.observed_to_date) > 0) observed`,
  );
  return row.stations;
}
