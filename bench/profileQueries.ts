/**
 * The typical week (GET /api/profile) summed from the hourly rollups: the baseline the daily
 * tiers' answers (lib/profile/sql.ts) are measured against, the same questions asked of station_hourly
 * over the period's span: the week's cells (sums only, or with the per-station averages) and the
 * stations observed in it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { eachIntegral } from '@/lib/hotspots/dailySql';
import { cellsOf } from '@/lib/profile/sql';
import { figureSums } from '@/lib/hotspots/sql';
import { queryRows } from '@/db/rows';
import type { WeekHourCell, WeekHourSums } from '@/lib/profile/weekProfile';

const inSpan = (systemId: string, start: number, end: number) =>
  sql`system_id = ${systemId} and hour_start >= to_timestamp(${start}) and hour_start < to_timestamp(${end})`;
const weekdayAndHour = (timezone: string) =>
  sql`extract(isodow from hour_start at time zone ${timezone})::int as weekday, extract(hour from hour_start at time zone ${timezone})::int as hour`;

/** The system's sums per weekday and hour, as lib/profile/sql.ts weekHourSumsFromSystemDaily gives them. */
export async function weekHourSumsFromHourly(db: Db, systemId: string, timezone: string, start: number, end: number): Promise<WeekHourSums[]> {
  return queryRows<WeekHourSums>(
    db,
    sql`select ${weekdayAndHour(timezone)}, ${figureSums}
        from station_hourly where ${inSpan(systemId, start, end)}
        group by 1, 2 having sum(observed_s) > 0 order by 1, 2`,
  );
}

/** The cells with the per-station averages, as lib/profile/sql.ts weekHourCellsFromDaily gives them. */
export async function weekHourCellsFromHourly(db: Db, systemId: string, timezone: string, start: number, end: number): Promise<WeekHourCell[]> {
  return queryRows<WeekHourCell>(
    db,
    cellsOf(sql`
      select ${weekdayAndHour(timezone)}, station_id, h3, ${eachIntegral((i) => `sum(${i}_s) as ${i}_s`)}
      from station_hourly where ${inSpan(systemId, start, end)}
      group by 1, 2, station_id, h3`),
  );
}

/** The stations observed in the span, as lib/profile/sql.ts observedStationCount counts them. */
export async function observedStationCountFromHourly(db: Db, systemId: string, start: number, end: number): Promise<number> {
  const [row] = await queryRows<{ stations: number }>(
    db,
    sql`select count(*)::int as stations from (
          select station_id from station_hourly where ${inSpan(systemId, start, end)}
          group by station_id having sum(observed_s) > 0) observed`,
  );
  return row.stations;
}
